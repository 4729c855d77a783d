package io.linkport.tenants;

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
        return beanFactory -> markLazy(beanFactory);
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
