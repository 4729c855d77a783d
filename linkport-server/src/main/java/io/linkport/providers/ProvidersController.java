package io.linkport.providers;

import io.linkport.common.Mode;
import io.linkport.tenants.ApiCaller;
import io.linkport.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Seed 002's provider catalog: which integration/resource/action combinations exist, with their schemas. */
@RestController
@Tag(name = "Providers", description = "The catalog of integrations, their resources, actions and argument schemas")
class ProvidersController {

    private final ProviderCatalog catalog;
    private final JsonMapper json;
    private final Map<String, ProviderView> views = new ConcurrentHashMap<>();

    ProvidersController(ProviderCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    record ProviderList(List<ProviderView> data) {
    }

    @GetMapping(value = "/v1/providers", produces = "application/json")
    @Operation(summary = "List the integrations this key's mode can use; filter by category, resource, action or name")
    ProviderList list(ApiCaller caller, @RequestParam(required = false) String category,
                      @RequestParam(required = false) String resource, @RequestParam(required = false) String action,
                      @RequestParam(required = false) String q) {
        return new ProviderList(catalog.search(caller.mode(), new ProviderQuery(category, resource, action, q)).stream()
                .map(p -> view(p, caller.mode())).toList());
    }

    @GetMapping(value = "/v1/providers/{integrationId}", produces = "application/json")
    @Operation(summary = "One integration: its resources, actions, argument schemas and (sandbox) test users")
    ProviderView get(ApiCaller caller, @PathVariable String integrationId) {
        return catalog.find(integrationId, caller.mode()).map(p -> view(p, caller.mode()))
                .orElseThrow(() -> ApiException.notFound("integration_not_found",
                        "There is no integration '" + integrationId + "' for " + caller.mode().lower() + " keys"));
    }

    /** Test credentials are for sandbox keys only; schemas are parsed once per integration. */
    private ProviderView view(Provider provider, Mode mode) {
        ProviderView view = views.computeIfAbsent(provider.id(), id -> ProviderView.of(provider.descriptor(), json));
        return mode == Mode.SANDBOX ? view : view.withoutTestCredentials();
    }
}
