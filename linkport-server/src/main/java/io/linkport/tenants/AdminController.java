package io.linkport.tenants;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.linkport.common.Mode;
import io.linkport.web.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator's API: tenants and their keys. Authenticated with an admin key. */
@RestController
@RequestMapping("/admin/v1")
@Tag(name = "Admin", description = "Operator endpoints, authenticated with an admin key")
class AdminController {

    private final TenantService tenants;
    private final ApiKeyService keys;

    AdminController(TenantService tenants, ApiKeyService keys) {
        this.tenants = tenants;
        this.keys = keys;
    }

    record CreateTenant(String name) {
    }

    record CreateKey(String mode, String label) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyView(String id, String tenantId, String mode, String hint, String label, Instant createdAt,
                   Instant revokedAt, String secret) {
        static KeyView of(ApiKey key, String secret) {
            return new KeyView(key.id(), key.tenantId(), key.mode().lower(), key.hint(), key.label(), key.createdAt(),
                    key.revokedAt(), secret);
        }
    }

    record TenantView(String id, String name, String publicClientId, Instant createdAt, List<KeyView> apiKeys) {
    }

    @PostMapping("/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a tenant with a sandbox API key (the secret is in this answer only)")
    TenantView createTenant(AdminCaller admin, @RequestBody CreateTenant body) {
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw ValidationException.of("name", "is required");
        }
        if (body.name().length() > 200) {
            throw ValidationException.of("name", "must be at most 200 characters");
        }
        Tenant tenant = tenants.create(body.name().trim());
        IssuedKey key = keys.issueTenantKey(tenant.id(), Mode.SANDBOX, "created with tenant");
        return new TenantView(tenant.id(), tenant.name(), tenant.publicClientId(), tenant.createdAt(),
                List.of(KeyView.of(key.key(), key.secret())));
    }

    @GetMapping("/tenants")
    List<TenantView> listTenants(AdminCaller admin) {
        return tenants.list().stream().map(t -> view(t)).toList();
    }

    @GetMapping("/tenants/{tenantId}")
    TenantView getTenant(AdminCaller admin, @PathVariable String tenantId) {
        return view(tenants.get(tenantId));
    }

    @PostMapping("/tenants/{tenantId}/api_keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API key (sandbox or production) for a tenant")
    KeyView createKey(AdminCaller admin, @PathVariable String tenantId, @RequestBody CreateKey body) {
        tenants.get(tenantId);
        Mode mode;
        try {
            mode = body == null || body.mode() == null ? Mode.SANDBOX : Mode.parse(body.mode());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("mode", "must be 'sandbox' or 'production'");
        }
        IssuedKey key = keys.issueTenantKey(tenantId, mode, body == null ? null : body.label());
        return KeyView.of(key.key(), key.secret());
    }

    @DeleteMapping("/api_keys/{keyId}")
    @Operation(summary = "Revoke an API key; it stops working at once")
    KeyView revokeKey(AdminCaller admin, @PathVariable String keyId) {
        return KeyView.of(keys.revoke(keyId), null);
    }

    private TenantView view(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.publicClientId(), tenant.createdAt(),
                keys.listForTenant(tenant.id()).stream().map(k -> KeyView.of(k, null)).toList());
    }
}
