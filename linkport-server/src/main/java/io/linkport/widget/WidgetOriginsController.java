package io.linkport.widget;

import io.linkport.tenants.AdminCaller;
import io.linkport.tenants.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The widget origin allow-list, set by the operator (admin key) or by the tenant itself (API key). */
@RestController
@Tag(name = "Widget", description = "The hosted widget, its SDK and the origins allowed to embed it")
class WidgetOriginsController {

    private final WidgetOriginService origins;

    WidgetOriginsController(WidgetOriginService origins) {
        this.origins = origins;
    }

    record OriginsBody(List<String> origins) {
    }

    record OriginsView(String tenantId, List<String> origins) {
    }

    @PutMapping(value = "/admin/v1/tenants/{tenantId}/widget_origins", consumes = "application/json")
    @Operation(summary = "Replace the origins allowed to embed a tenant's widget (CSP frame-ancestors)")
    OriginsView replaceAsAdmin(AdminCaller admin, @PathVariable String tenantId, @RequestBody(required = false) OriginsBody body) {
        return new OriginsView(tenantId, origins.replace(tenantId, body == null ? null : body.origins()));
    }

    @GetMapping("/admin/v1/tenants/{tenantId}/widget_origins")
    @Operation(summary = "List the origins allowed to embed a tenant's widget")
    OriginsView listAsAdmin(AdminCaller admin, @PathVariable String tenantId) {
        return new OriginsView(tenantId, origins.list(tenantId));
    }

    @PutMapping(value = "/v1/widget_origins", consumes = "application/json")
    @Operation(summary = "Replace the origins allowed to embed your widget (CSP frame-ancestors)")
    OriginsView replace(ApiCaller caller, @RequestBody(required = false) OriginsBody body) {
        return new OriginsView(caller.tenantId(), origins.replace(caller.tenantId(), body == null ? null : body.origins()));
    }

    @GetMapping("/v1/widget_origins")
    @Operation(summary = "List the origins allowed to embed your widget")
    OriginsView list(ApiCaller caller) {
        return new OriginsView(caller.tenantId(), origins.list(caller.tenantId()));
    }
}
