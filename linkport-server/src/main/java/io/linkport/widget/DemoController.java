package io.linkport.widget;

import io.linkport.common.LinkportProperties;
import io.linkport.common.Mode;
import io.linkport.links.Link;
import io.linkport.links.LinkError;
import io.linkport.links.LinkOperation;
import io.linkport.links.LinkService;
import io.linkport.tenants.ApiCaller;
import io.linkport.tenants.TenantService;
import io.linkport.tokens.LinkTokenService;
import io.linkport.tokens.SignedToken;
import io.linkport.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox demo at {@code /}: a page that plays a tenant's app, and two endpoints that play the
 * tenant's backend with the bootstrap tenant's identity. In production mode {@code /} is a pointer
 * to the docs and the endpoints answer 404: they would hand out tokens to anyone.
 */
@RestController
@Tag(name = "Demo", description = "Sandbox-only demo of the widget (refused in production mode)")
class DemoController {

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final WidgetAssets assets;
    private final LinkTokenService linkTokens;
    private final TenantService tenants;
    private final LinkportProperties properties;
    private final LinkService links;

    DemoController(WidgetAssets assets, LinkTokenService linkTokens, TenantService tenants, LinkportProperties properties,
                   LinkService links) {
        this.assets = assets;
        this.links = links;
        this.linkTokens = linkTokens;
        this.tenants = tenants;
        this.properties = properties;
    }

    @GetMapping("/")
    @Operation(summary = "The sandbox demo page (production: a pointer to the docs)")
    ResponseEntity<String> home() {
        if (properties.production()) {
            return PageHeaders.html(assets.page("home", Map.of(), null), PageHeaders.csp("'none'", false));
        }
        String html = assets.page("demo", Map.of(
                "serverSnippet", DemoSnippets.SERVER,
                "clientSnippet", DemoSnippets.client(assets.asset(WidgetAssets.SDK_JS).orElseThrow().integrity()),
                "sdkIntegrity", assets.asset(WidgetAssets.SDK_JS).orElseThrow().integrity()), null);
        return PageHeaders.html(html, PageHeaders.csp("'none'", true));
    }

    record LinkTokenData(String mode, String id, String token, String expires) {
    }

    record LinkTokenResponse(LinkTokenData data) {
    }

    @PostMapping("/demo/link_token")
    @Operation(summary = "Sandbox only: create a link token as the bootstrap tenant, as a tenant's backend would")
    ResponseEntity<LinkTokenResponse> linkToken() {
        ApiCaller tenant = demoTenant();
        var request = new LinkTokenService.LinkTokenRequest("Linkport demo", List.of("employment", "income"),
                "demo-user-" + UUID.randomUUID(), null, "en", null, false, null);
        SignedToken token = linkTokens.create(tenant, request);
        var record = token.record();
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                .body(new LinkTokenResponse(new LinkTokenData(record.mode().lower(), record.id(), token.jwt(),
                        EXPIRES.format(record.expiresAt().atOffset(ZoneOffset.UTC)))));
    }

    /** What the demo's backend reads back: the link as GET /v1/links/{id} would show it to the tenant. */
    record DemoLink(String linkId, String status, String integrationId, List<LinkOperation> operations,
                    String endUserId, LinkError error, JsonNode result) {
    }

    @GetMapping("/demo/links/{linkId}")
    @Operation(summary = "Sandbox only: read a link of the bootstrap tenant, as a tenant's backend would")
    ResponseEntity<DemoLink> link(@PathVariable String linkId) {
        Link link = links.get(demoTenant(), linkId);
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(new DemoLink(link.id(), link.status().lower(),
                link.integrationId(), link.operations(), link.endUserId(), link.error(), links.result(link).orElse(null)));
    }

    private ApiCaller demoTenant() {
        if (properties.production()) {
            throw ApiException.notFound("demo_disabled", "The demo endpoints exist in sandbox mode only.");
        }
        String tenantId = tenants.bootstrapTenant()
                .orElseThrow(() -> ApiException.notFound("demo_disabled", "No bootstrap tenant on this server."));
        return new ApiCaller(tenantId, Mode.SANDBOX, null);
    }
}
