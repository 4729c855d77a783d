package io.linkport.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.common.DataDirectory;
import io.linkport.common.LinkportProperties;
import io.linkport.common.Secrets;
import io.linkport.testing.ServerTest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Nodes starting together against one database: the configured keys are registered once and neither start fails. */
class TenantBootstrapTest extends ServerTest {

    @Autowired
    TenantService tenants;
    @Autowired
    JdbcApiKeyRepository repository;
    @Autowired
    LinkportProperties properties;
    @Autowired
    DataDirectory dataDirectory;
    @Autowired
    TransactionTemplate tx;

    @Test
    void bootstrapWhenTwoNodesRegisterTheSameNewSecretAtOnceThenOneKeyAndBothStart() throws Exception {
        String secret = "sk_sandbox_" + Secrets.randomUrlSafe(32);
        LinkportProperties configured = new LinkportProperties(properties.mode(), properties.publicUrl(), properties.dataDir(),
                secret, properties.adminKey(), properties.masterKey(), properties.masterKeyId(), properties.issuer(),
                properties.signingKeyRotation());
        // both nodes look the secret up, find nothing, and only then insert: the window of the race, every time
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        ApiKeyService racing = new ApiKeyService(repository, Clock.systemUTC()) {
            @Override
            public boolean secretExists(String candidate) {
                boolean exists = super.secretExists(candidate);
                if (candidate.equals(secret)) {
                    try {
                        bothChecked.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return exists;
            }
        };
        List<CompletableFuture<Void>> nodes = List.of(
                CompletableFuture.runAsync(() -> new TenantBootstrap(tenants, racing, configured, dataDirectory, tx).run(null)),
                CompletableFuture.runAsync(() -> new TenantBootstrap(tenants, racing, configured, dataDirectory, tx).run(null)));

        CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE secret_hash = ?").param(Secrets.sha256Hex(secret))
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(api.get("/v1/providers", io.linkport.testing.Api.secret(secret)).status()).isEqualTo(200);
    }
}
