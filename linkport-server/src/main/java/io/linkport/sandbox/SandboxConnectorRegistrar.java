package io.linkport.sandbox;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.core.env.Environment;

/** Registers one {@link SandboxConnector} bean per entry of {@link SandboxInstitutions#ALL}. */
class SandboxConnectorRegistrar implements BeanRegistrar {

    @Override
    public void register(BeanRegistry registry, Environment env) {
        for (SandboxInstitution institution : SandboxInstitutions.ALL) {
            registry.registerBean("sandboxConnector." + institution.id(), SandboxConnector.class,
                    spec -> spec.supplier(context -> new SandboxConnector(institution,
                            context.bean(SandboxCollaborators.class))));
        }
    }
}
