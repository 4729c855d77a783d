package io.linkport.widget;

import io.linkport.common.PublicUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hosted widget page (framed by the SDK) and the claim page behind seed 002's
 * {@code appClipUrl}: the same app, in a frame or full page. Neither page ever receives a token
 * in its URL from us: the SDK hands the token over by postMessage; only the claim URL carries
 * its code (seed 002 defines it so), and the claim page drops it from the address bar at once.
 */
@RestController
@Tag(name = "Widget", description = "The hosted widget, its SDK and the origins allowed to embed it")
class WidgetPageController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final WidgetAssets assets;
    private final WidgetOriginService origins;
    private final PublicUrls urls;

    WidgetPageController(WidgetAssets assets, WidgetOriginService origins, PublicUrls urls) {
        this.assets = assets;
        this.origins = origins;
        this.urls = urls;
    }

    @GetMapping("/widget")
    @Operation(summary = "The hosted widget page, opened by the SDK in an iframe (tenant: the tenant id from the token)")
    ResponseEntity<String> widget(@RequestParam(name = "tenant", required = false) String tenant) {
        String tenantId = tenant != null && ID.matcher(tenant).matches() ? tenant : null;
        String html = assets.page("widget", Map.of("mode", "frame"), null);
        return PageHeaders.html(html, PageHeaders.csp(origins.frameAncestors(tenantId), false));
    }

    @GetMapping("/c/{linkId}")
    @Operation(summary = "The claim page behind a link's appClipUrl: the flow full-page, with a QR code on desktops")
    ResponseEntity<String> claim(@PathVariable String linkId, @RequestParam(name = "code", required = false) String code) {
        String safeLink = ID.matcher(linkId).matches() ? linkId : "";
        String qr = null;
        if (!safeLink.isEmpty() && code != null && ID.matcher(code).matches()) {
            String url = urls.resolve("/c/" + safeLink + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
            qr = "<div id=\"lp-qr\" hidden>" + QrSvg.of(url, "QR code: open this page on your phone") + "</div>";
        }
        String html = assets.page("widget", Map.of("mode", "claim", "linkId", safeLink), qr);
        return PageHeaders.html(html, PageHeaders.csp("'none'", false));
    }
}
