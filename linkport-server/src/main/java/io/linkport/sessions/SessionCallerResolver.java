package io.linkport.sessions;

import io.linkport.common.Secrets;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.SessionLink;
import io.linkport.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Authenticates the session API: a {@code ses_…} bearer token, looked up by its hash, or, for a
 * parameter marked {@link LastWrittenLink}, found among this node's {@link SessionSnapshots} first.
 */
@Component
class SessionCallerResolver implements HandlerMethodArgumentResolver {

    static final String PREFIX = "ses_";

    private final LinkLifecycle links;
    private final SessionSnapshots snapshots;
    private final Clock clock;

    SessionCallerResolver(LinkLifecycle links, SessionSnapshots snapshots, Clock clock) {
        this.links = links;
        this.snapshots = snapshots;
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
        if (parameter.hasParameterAnnotation(LastWrittenLink.class)) {
            Optional<SessionLink> known = snapshots.recall(hash);
            if (known.isPresent()) {
                return caller(token, hash, known.get(), true);
            }
        }
        return read(token, hash);
    }

    /** The caller with its session and link read from the database now. */
    SessionCaller reread(SessionCaller caller) {
        return read(caller.token(), caller.tokenHash());
    }

    private SessionCaller read(String token, String hash) {
        SessionLink stored = links.findBySession(hash).orElseThrow(SessionCallerResolver::invalid);
        if (!stored.sessionExpiresAt().isAfter(clock.instant())) {
            throw ApiException.unauthorized("session_expired", "The session has expired; open the link again.");
        }
        return caller(token, hash, stored, false);
    }

    private static SessionCaller caller(String token, String hash, SessionLink session, boolean snapshot) {
        return new SessionCaller(token, hash, session.link().id(), session.sessionExpiresAt(), session.link(), snapshot);
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("invalid_session", "Send the session token as 'Authorization: Bearer ses_…'.");
    }
}
