package io.linkport.tenants;

import io.linkport.common.DataDirectory;
import io.linkport.common.LinkportProperties;
import io.linkport.common.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start against an empty database, creates the sandbox tenant, its sandbox API key
 * and an operator (admin) key, so the README's curl works with nothing configured. The secrets
 * are printed once and written to files under the data directory readable by the owner only;
 * only their hashes reach the database. When several nodes start at once, the bootstrap marker's
 * primary key lets exactly one of them do it.
 */
@Component
@Order(0)
class TenantBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TenantBootstrap.class);

    private final TenantService tenants;
    private final ApiKeyService keys;
    private final LinkportProperties properties;
    private final DataDirectory dataDirectory;
    private final TransactionTemplate tx;

    TenantBootstrap(TenantService tenants, ApiKeyService keys, LinkportProperties properties,
                    DataDirectory dataDirectory, TransactionTemplate tx) {
        this.tenants = tenants;
        this.keys = keys;
        this.properties = properties;
        this.dataDirectory = dataDirectory;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tenants.bootstrapTenant().isEmpty()) {
            try {
                tx.executeWithoutResult(status -> bootstrap());
            } catch (DuplicateKeyException another) {
                log.info("Another node bootstrapped this database first");
            }
        }
        registerConfiguredSecrets();
    }

    private void bootstrap() {
        Tenant tenant = tenants.create("Sandbox tenant");
        tenants.markBootstrapped(tenant.id());
        if (properties.bootstrapSecret() == null) {
            IssuedKey key = keys.issueTenantKey(tenant.id(), Mode.SANDBOX, "bootstrap");
            dataDirectory.writeSecret("bootstrap-secret", key.secret());
            log.info("""

                    ================================================================
                     Linkport sandbox API key (shown once, also in {}):
                       {}
                    ================================================================""",
                    dataDirectory.path("bootstrap-secret"), key.secret());
        }
        if (properties.adminKey() == null) {
            IssuedKey admin = keys.issueAdminKey("bootstrap admin");
            dataDirectory.writeSecret("admin-key", admin.secret());
            log.info("Operator admin key written to {} (shown nowhere else)", dataDirectory.path("admin-key"));
        }
        log.info("Created sandbox tenant {}", tenant.id());
    }

    /**
     * LINKPORT_BOOTSTRAP_SECRET and LINKPORT_ADMIN_KEY work on an existing database too. Nodes
     * starting together race here as well: each secret goes in its own transaction, and the
     * unique hash turns the loser's insert into "already registered" instead of a failed start.
     */
    private void registerConfiguredSecrets() {
        String tenantId = tenants.bootstrapTenant().orElseThrow();
        if (properties.bootstrapSecret() != null) {
            registerOnce(properties.bootstrapSecret(), () -> keys.registerKnownSecret(tenantId, ApiKey.Kind.TENANT,
                    Mode.SANDBOX, "LINKPORT_BOOTSTRAP_SECRET", properties.bootstrapSecret()));
        }
        if (properties.adminKey() != null) {
            registerOnce(properties.adminKey(), () -> keys.registerKnownSecret(null, ApiKey.Kind.ADMIN,
                    Mode.PRODUCTION, "LINKPORT_ADMIN_KEY", properties.adminKey()));
        }
    }

    private void registerOnce(String secret, Runnable register) {
        if (keys.secretExists(secret)) {
            return;
        }
        try {
            tx.executeWithoutResult(status -> register.run());
        } catch (DuplicateKeyException anotherNode) {
            log.info("Another node registered a configured key first");
        }
    }
}
