package io.linkport.widget;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The widget as seed 003 opens it: {@code /v1/connect} (the Connect iframe) and
 * {@code /v1/OAuth/Authorize} serve it with a session already started for one saved login, so the
 * page holds its session credential (never in a URL; the page is not cached and sends no Referer)
 * and asks {@code POST /v1/connect/finish} where to send the user at the end.
 */
@Component
public class LoginWidgetPage {

    private final WidgetAssets assets;
    private final WidgetOriginService origins;

    LoginWidgetPage(WidgetAssets assets, WidgetOriginService origins) {
        this.assets = assets;
        this.origins = origins;
    }

    /**
     * @param framed true for the Connect iframe (embeddable by the tenant's widget origins), false for a
     *               full-page login that nothing may frame
     */
    public ResponseEntity<String> render(String tenantId, String sessionToken, boolean framed) {
        String html = assets.page("widget", Map.of("mode", "connect", "session", sessionToken), null);
        return PageHeaders.html(html, PageHeaders.csp(framed ? origins.frameAncestors(tenantId) : "'none'", false));
    }
}
