package io.linkport.web;

import io.linkport.common.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (echoed as {@code X-Request-Id} and in error bodies) and writes one
 * log line per request. Only the path is logged, never the query string or headers: query
 * strings may carry one-time tokens ({@code authorizeToken=…}) and headers carry API keys.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("linkport.requests");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = Ids.prefixed("req_");
        long started = System.nanoTime();
        MDC.put(RequestIds.MDC_KEY, requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            long micros = (System.nanoTime() - started) / 1_000;
            if (log.isInfoEnabled()) {
                log.info("{} {} {} {}µs {}", request.getMethod(), request.getRequestURI(), response.getStatus(), micros, requestId);
            }
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
