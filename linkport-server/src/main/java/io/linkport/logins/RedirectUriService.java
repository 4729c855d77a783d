package io.linkport.logins;

import io.linkport.tenants.TenantService;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.linkport.logins.JdbcLoginRepository.utc;

/**
 * Each tenant's allow-list of redirect URIs for {@code GET /v1/OAuth/Authorize}. A presented URI
 * matches only if it is character-for-character one of them: no normalisation of case, trailing
 * slashes, encoding, ports or anything else, so no spelling of another URL can pass.
 */
@Service
class RedirectUriService {

    private static final String DELETE = "DELETE FROM tenant_redirect_uris WHERE tenant_id = ?";
    private static final String INSERT = """
            INSERT INTO tenant_redirect_uris (tenant_id, redirect_uri, created_at) VALUES (?, ?, ?)""";
    private static final String LIST = """
            SELECT redirect_uri FROM tenant_redirect_uris WHERE tenant_id = ? ORDER BY redirect_uri""";

    private final JdbcClient jdbc;
    private final TenantService tenants;
    private final Clock clock;

    RedirectUriService(JdbcClient jdbc, TenantService tenants, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Replaces the tenant's list after checking every entry. */
    @Transactional
    List<String> replace(String tenantId, List<String> uris) {
        tenants.get(tenantId);
        List<ValidationIssue> issues = new ArrayList<>();
        if (uris == null) {
            throw ValidationException.of("redirectUris", "is required");
        }
        if (uris.size() > 50) {
            issues.add(new ValidationIssue("redirectUris", "must have at most 50 entries"));
        }
        for (int i = 0; i < uris.size(); i++) {
            String problem = problem(uris.get(i));
            if (problem != null) {
                issues.add(new ValidationIssue("redirectUris[" + i + "]", problem));
            }
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        jdbc.sql(DELETE).param(tenantId).update();
        for (String uri : new LinkedHashSet<>(uris)) {
            jdbc.sql(INSERT).params(tenantId, uri, utc(clock.instant())).update();
        }
        return list(tenantId);
    }

    /** The tenant's list; 404 for an unknown tenant. */
    List<String> listOf(String tenantId) {
        tenants.get(tenantId);
        return list(tenantId);
    }

    List<String> list(String tenantId) {
        return jdbc.sql(LIST).param(tenantId).query(String.class).list();
    }

    /** Exact string equality with one of the tenant's registered URIs. */
    boolean allowed(String tenantId, String presented) {
        return presented != null && list(tenantId).stream().anyMatch(presented::equals);
    }

    /**
     * Why {@code uri} cannot be registered: it must be an absolute https URL (http only for
     * loopback hosts) with a host, no user-info and no fragment, at most 2048 characters.
     */
    static String problem(String uri) {
        if (uri == null || uri.isBlank() || uri.length() > 2048 || !uri.equals(uri.strip())) {
            return "must be an absolute https URL of at most 2048 characters";
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (parsed.getHost() == null || parsed.getRawUserInfo() != null || parsed.getRawFragment() != null) {
            return "must have a host and no user-info or fragment";
        }
        boolean loopback = parsed.getHost().equals("localhost") || parsed.getHost().equals("127.0.0.1")
                || parsed.getHost().equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return "must use https (http only for localhost)";
        }
        return null;
    }
}
