package io.linkport.widget;

import io.linkport.common.LinkportProperties;
import io.linkport.tenants.TenantService;
import io.linkport.web.ApiException;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The origins allowed to embed a tenant's widget, and the CSP {@code frame-ancestors} built from
 * them. The widget page is loaded before the browser hands it a token, so the SDK puts the
 * tenant id (public: it is in the token's claims) in the widget URL and the page is framed only
 * by that tenant's origins; the widget then refuses a token of another tenant. In sandbox mode a
 * tenant with no allow-list may be framed from any {@code http://localhost} or
 * {@code http://127.0.0.1} port, so a newcomer's test page works with nothing configured.
 */
@Service
public class WidgetOriginService {

    static final int MAX_ORIGINS = 50;
    static final String LOCALHOST_ANCESTORS = "http://localhost:* http://127.0.0.1:*";

    private final JdbcWidgetOriginRepository origins;
    private final TenantService tenants;
    private final LinkportProperties properties;
    private final Clock clock;

    WidgetOriginService(JdbcWidgetOriginRepository origins, TenantService tenants, LinkportProperties properties,
                        Clock clock) {
        this.origins = origins;
        this.tenants = tenants;
        this.properties = properties;
        this.clock = clock;
    }

    public List<String> list(String tenantId) {
        tenants.get(tenantId);
        return origins.list(tenantId);
    }

    /** Replaces the tenant's allow-list with these origins (validated, normalised, deduplicated). */
    @Transactional
    public List<String> replace(String tenantId, List<String> requested) {
        tenants.get(tenantId);
        if (requested == null) {
            throw ValidationException.of("origins", "is required");
        }
        if (requested.size() > MAX_ORIGINS) {
            throw ValidationException.of("origins", "must hold at most " + MAX_ORIGINS + " origins");
        }
        List<ValidationIssue> issues = new ArrayList<>();
        Set<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String origin = normalise(requested.get(i));
            if (origin == null) {
                issues.add(new ValidationIssue("origins[" + i + "]", properties.production()
                        ? "must be an origin such as https://app.example.com (http only for localhost)"
                        : "must be an origin such as https://app.example.com or http://localhost:3000"));
            } else {
                normalised.add(origin);
            }
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        origins.replace(tenantId, List.copyOf(normalised), clock.instant());
        return origins.list(tenantId);
    }

    /**
     * The {@code frame-ancestors} sources for a widget page: the tenant's allow-list when the tenant
     * is known, else every tenant's (a claim code carries no tenant); localhost in sandbox mode
     * when nothing is configured; always this server itself (its demo page embeds the widget).
     */
    public String frameAncestors(String tenantId) {
        boolean known = tenantId != null && exists(tenantId);
        List<String> allowed = known ? origins.list(tenantId) : origins.listAll();
        Set<String> sources = new LinkedHashSet<>();
        sources.add("'self'");
        sources.addAll(allowed);
        if (!properties.production() && (allowed.isEmpty() || !known)) {
            sources.add(LOCALHOST_ANCESTORS);
        }
        return String.join(" ", sources);
    }

    private boolean exists(String tenantId) {
        try {
            tenants.get(tenantId);
            return true;
        } catch (ApiException notFound) {
            return false;
        }
    }

    /** {@code scheme://host[:port]} in lower case, or null when the value is not an acceptable origin. */
    String normalise(String value) {
        if (value == null || value.isBlank() || value.length() > 300) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        boolean schemeOk = scheme.equals("https") || (scheme.equals("http") && (loopback || !properties.production()));
        if (!schemeOk || host.contains("*")) {
            return null;
        }
        return scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }
}
