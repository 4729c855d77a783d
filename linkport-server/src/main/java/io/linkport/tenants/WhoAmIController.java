package io.linkport.tenants;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers which tenant and mode a key belongs to: lets a tenant check its configuration, and
 * serves the benchmark harness as the "authenticated no-op" ceiling.
 */
@RestController
@Tag(name = "Tenants")
class WhoAmIController {

    record WhoAmI(String tenantId, String mode, String keyId) {
    }

    @GetMapping("/v1/whoami")
    @Operation(summary = "The tenant and mode of the calling API key")
    WhoAmI whoami(ApiCaller caller) {
        return new WhoAmI(caller.tenantId(), caller.mode().lower(), caller.keyId());
    }
}
