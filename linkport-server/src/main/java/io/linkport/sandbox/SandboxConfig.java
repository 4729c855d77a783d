package io.linkport.sandbox;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(SandboxConnectorRegistrar.class)
class SandboxConfig {
}
