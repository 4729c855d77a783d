package io.linkport.tenants;

import io.linkport.common.StartupTask;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.core.util.Yaml31;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * springdoc builds its OpenAPI machinery (swagger-core's own Jackson 2 mapper, model converters)
 * at start-up, about a second of every start, for a document most servers never serve. Its beans
 * are made lazy, so the first {@code GET /v3/api-docs} or {@code /docs} pays that cost instead.
 */
@Configuration(proxyBeanMethods = false)
class LazyApiDocs {

    @Bean
    static BeanFactoryPostProcessor lazySpringdocBeans() {
        return beanFactory -> {
            markLazy(beanFactory);
            buildSwaggerMappersInBackground();
        };
    }

    /**
     * The Swagger UI's resource handler still needs springdoc's object mapper provider at start-up
     * (Spring MVC collects every WebMvcConfigurer), and that builds swagger-core's two Jackson 2
     * mappers: ≈ 0.3 s of class loading on the main thread. Built on a thread of their own while the
     * context starts, the provider finds them made (swagger-core keeps them as singletons).
     */
    private static void buildSwaggerMappersInBackground() {
        // Not awaited: should it fail, the provider builds them itself, as it did before.
        StartupTask.start("linkport-swagger-mappers", () -> {
            Json31.mapper();
            Yaml31.mapper();
        });
    }

    private static void markLazy(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (isSpringdoc(definition.getBeanClassName()) || isSpringdoc(definition.getFactoryBeanName() == null ? null
                    : beanFactory.getBeanDefinition(definition.getFactoryBeanName()).getBeanClassName())) {
                definition.setLazyInit(true);
            }
        }
    }

    private static boolean isSpringdoc(String className) {
        return className != null && className.startsWith("org.springdoc.");
    }
}
