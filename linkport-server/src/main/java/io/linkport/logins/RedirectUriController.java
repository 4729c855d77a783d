package io.linkport.logins;

import io.linkport.tenants.AdminCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The operator's API for a tenant's allowed OAuth redirect URIs. */
@RestController
@Tag(name = "Admin")
class RedirectUriController {

    private final RedirectUriService redirectUris;

    RedirectUriController(RedirectUriService redirectUris) {
        this.redirectUris = redirectUris;
    }

    record RedirectUris(String tenantId, List<String> redirectUris) {
    }

    @PutMapping(value = "/admin/v1/tenants/{tenantId}/redirect_uris", produces = "application/json")
    @Operation(summary = "Replace a tenant's allowed redirect URIs for /v1/OAuth/Authorize (matched exactly)")
    RedirectUris replace(AdminCaller admin, @PathVariable String tenantId, @RequestBody(required = false) JsonNode body) {
        JsonNode list = body == null ? null : body.get("redirectUris");
        if (list == null || !list.isArray()) {
            throw io.linkport.web.ValidationException.of("redirectUris", "must be an array of URLs");
        }
        List<String> uris = new ArrayList<>();
        for (JsonNode node : list) {
            uris.add(node.isString() ? node.asString() : null);
        }
        return new RedirectUris(tenantId, redirectUris.replace(tenantId, uris));
    }

    @GetMapping(value = "/admin/v1/tenants/{tenantId}/redirect_uris", produces = "application/json")
    @Operation(summary = "List a tenant's allowed redirect URIs")
    RedirectUris list(AdminCaller admin, @PathVariable String tenantId) {
        return new RedirectUris(tenantId, redirectUris.listOf(tenantId));
    }
}
