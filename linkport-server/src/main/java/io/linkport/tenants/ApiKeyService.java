package io.linkport.tenants;

import io.linkport.common.Ids;
import io.linkport.common.Mode;
import io.linkport.common.Secrets;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes API keys. Secrets exist only in the answer that creates them.
 * Every API request authenticates, so a key found active is remembered for {@link #RECHECK_AFTER}
 * (keyed by the secret's SHA-256; only active keys, never misses). A revocation forgets the key
 * on the node that revoked it and takes effect everywhere within that delay.
 */
@Service
public class ApiKeyService {

    /** How long another node may still accept a revoked key. */
    public static final Duration RECHECK_AFTER = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(ApiKey key, long checkedAtNanos) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final JdbcApiKeyRepository keys;
    private final Clock clock;

    ApiKeyService(JdbcApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A new tenant key in {@code mode}, with a generated secret. */
    @Transactional
    public IssuedKey issueTenantKey(String tenantId, Mode mode, String label) {
        return issue(tenantId, ApiKey.Kind.TENANT, mode, label, "sk_" + mode.lower() + "_" + Secrets.randomUrlSafe(32));
    }

    /** Stores a key whose secret was chosen by the operator (the bootstrap and admin secrets). */
    @Transactional
    public IssuedKey registerKnownSecret(String tenantId, ApiKey.Kind kind, Mode mode, String label, String secret) {
        return issue(tenantId, kind, mode, label, secret);
    }

    public IssuedKey issueAdminKey(String label) {
        return issue(null, ApiKey.Kind.ADMIN, Mode.PRODUCTION, label, "ak_" + Secrets.randomUrlSafe(32));
    }

    private IssuedKey issue(String tenantId, ApiKey.Kind kind, Mode mode, String label, String secret) {
        ApiKey key = new ApiKey(Ids.prefixed("key_"), tenantId, kind, mode, hint(secret), label, clock.instant(), null);
        keys.insert(key, Secrets.sha256Hex(secret));
        return new IssuedKey(key, secret);
    }

    public boolean secretExists(String secret) {
        return keys.findByHash(Secrets.sha256Hex(secret)).isPresent();
    }

    /**
     * The active key that {@code secret} belongs to. The secret is looked up by its SHA-256 (a
     * high-entropy secret's hash leaks nothing an attacker can steer) and the stored hash is then
     * compared in constant time.
     */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 512) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(secret);
        long now = System.nanoTime();
        Remembered known = remembered.get(hash);
        if (known != null && now - known.checkedAtNanos() < RECHECK_AFTER.toNanos()) {
            return Optional.of(known.key());
        }
        Optional<ApiKey> key = keys.findByHash(hash)
                .filter(stored -> Secrets.constantTimeEquals(stored.secretHash(), hash))
                .map(JdbcApiKeyRepository.Stored::key)
                .filter(ApiKey::active);
        if (key.isPresent()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(hash, new Remembered(key.get(), now));
        } else {
            remembered.remove(hash);
        }
        return key;
    }

    public List<ApiKey> listForTenant(String tenantId) {
        return keys.listForTenant(tenantId);
    }

    @Transactional
    public ApiKey revoke(String keyId) {
        ApiKey key = keys.find(keyId).orElseThrow(() -> ApiException.notFound("api_key_not_found", "No API key " + keyId + "."));
        keys.revoke(keyId, clock.instant());
        remembered.values().removeIf(known -> known.key().id().equals(keyId));
        return keys.find(keyId).orElseThrow();
    }

    private static String hint(String secret) {
        int keep = Math.min(12, secret.length() / 3);
        return secret.substring(0, keep) + "…" + secret.substring(secret.length() - Math.min(4, secret.length() / 4));
    }
}
