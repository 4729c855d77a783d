package io.linkport.logins;

import io.linkport.tenants.AdminCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's key-rotation endpoint for the credential vault. */
@RestController
@Tag(name = "Admin")
class VaultController {

    private final VaultReencryption reencryption;

    VaultController(VaultReencryption reencryption) {
        this.reencryption = reencryption;
    }

    @PostMapping(value = "/admin/v1/vault/reencrypt", produces = "application/json")
    @Operation(summary = "Re-seal every stored credential under the current master key (after a key rotation)")
    VaultReencryption.Report reencrypt(AdminCaller admin) {
        return reencryption.reencrypt();
    }
}
