package io.linkport.tenants;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // The caller is resolved from headers, not bound from the request: keep it out of the docs.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiCaller.class, AdminCaller.class);
    }

    @Bean
    OpenAPI linkportOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Linkport API").version("v1")
                        .description("Self-hosted account linking: tokens, links, sessions, logins, webhooks."))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("x-api-secret"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
