package io.linkport.common;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommonConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
