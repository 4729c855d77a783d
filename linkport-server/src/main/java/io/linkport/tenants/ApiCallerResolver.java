package io.linkport.tenants;

import io.linkport.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Authenticates any controller method that asks for an {@link ApiCaller} or {@link AdminCaller}.
 * The key is read from {@code x-api-secret}, {@code Authorization: Bearer} or (seed 003's name)
 * {@code flinks-auth-key} — never from the query string, where it would end up in logs and
 * browser history. Missing, unknown and revoked keys all get the same 401.
 */
@Component
class ApiCallerResolver implements HandlerMethodArgumentResolver {

    private final ApiKeyService keys;

    ApiCallerResolver(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == ApiCaller.class || type == AdminCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        String secret = presentedSecret(request);
        ApiKey key = keys.authenticate(secret).orElseThrow(ApiCallerResolver::unauthorized);
        if (parameter.getParameterType() == AdminCaller.class) {
            if (key.kind() != ApiKey.Kind.ADMIN) {
                throw unauthorized();
            }
            return new AdminCaller(key.id());
        }
        if (key.kind() != ApiKey.Kind.TENANT) {
            throw unauthorized();
        }
        return new ApiCaller(key.tenantId(), key.mode(), key.id());
    }

    static String presentedSecret(HttpServletRequest request) {
        String secret = request.getHeader("x-api-secret");
        if (secret == null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                secret = authorization.substring(7).trim();
            }
        }
        if (secret == null) {
            secret = request.getHeader("flinks-auth-key");
        }
        return secret;
    }

    private static ApiException unauthorized() {
        return ApiException.unauthorized("unauthorized",
                "Send a valid API key as 'x-api-secret: <key>' or 'Authorization: Bearer <key>'.");
    }
}
