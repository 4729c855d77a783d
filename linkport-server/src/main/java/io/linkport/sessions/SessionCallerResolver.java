package io.linkport.sessions;

import io.linkport.common.Secrets;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.SessionLink;
import io.linkport.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Authenticates the session API: a {@code ses_…} bearer token, looked up by its hash. */
@Component
class SessionCallerResolver implements HandlerMethodArgumentResolver {

    static final String PREFIX = "ses_";

    private final LinkLifecycle links;
    private final Clock clock;

    SessionCallerResolver(LinkLifecycle links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SessionCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        String authorization = request == null ? null : request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw invalid();
        }
        String token = authorization.substring(7).trim();
        if (!token.startsWith(PREFIX)) {
            throw invalid();
        }
        String hash = Secrets.sha256Hex(token);
        SessionLink stored = links.findBySession(hash).orElseThrow(SessionCallerResolver::invalid);
        if (!stored.sessionExpiresAt().isAfter(clock.instant())) {
            throw ApiException.unauthorized("session_expired", "The session has expired; open the link again.");
        }
        return new SessionCaller(token, hash, stored.link().id(), stored.sessionExpiresAt(), stored.link());
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("invalid_session", "Send the session token as 'Authorization: Bearer ses_…'.");
    }
}
