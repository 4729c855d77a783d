package io.linkport.oauthconnector;

import java.util.List;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link GenericOAuthConnector} bean per {@code linkport.oauth-institutions[n]}
 * entry, so the connector registry and the catalog pick them up like any built-in connector.
 */
@Configuration(proxyBeanMethods = false)
@Import(OAuthConnectorRegistrar.Registrar.class)
class OAuthConnectorRegistrar {

    static class Registrar implements BeanRegistrar {

        @Override
        public void register(BeanRegistry registry, Environment env) {
            List<OAuthInstitution> institutions = Binder.get(env)
                    .bind("linkport.oauth-institutions", Bindable.listOf(OAuthInstitution.class)).orElse(List.of());
            for (OAuthInstitution institution : institutions) {
                check(institution);
                registry.registerBean("oauthConnector." + institution.id(), GenericOAuthConnector.class,
                        spec -> spec.supplier(context -> new GenericOAuthConnector(institution, new OAuthHttp())));
            }
        }

        private static void check(OAuthInstitution institution) {
            if (institution.id() == null || !institution.id().matches("[a-z0-9_]{1,64}")) {
                throw new IllegalStateException("linkport.oauth-institutions: id must be 1-64 of [a-z0-9_]");
            }
            for (String uri : new String[] {institution.authorizationUri(), institution.tokenUri(), institution.dataUri(),
                    institution.clientId()}) {
                if (uri == null || uri.isBlank()) {
                    throw new IllegalStateException("linkport.oauth-institutions '" + institution.id()
                            + "' needs authorization-uri, token-uri, data-uri and client-id");
                }
            }
        }
    }
}
