package io.linkport.sessions;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the session credential resolver; every session API answer is {@code Cache-Control: no-store}. */
@Configuration(proxyBeanMethods = false)
class SessionsWebConfig implements WebMvcConfigurer {

    private final SessionCallerResolver resolver;

    SessionsWebConfig(SessionCallerResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(resolver);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionNoStoreFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Cache-Control", "no-store");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/v1/sessions", "/v1/session/*", "/v1/session", "/v1/oauth/callback");
        return registration;
    }
}
