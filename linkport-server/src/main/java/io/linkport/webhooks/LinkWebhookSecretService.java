package io.linkport.webhooks;

import io.linkport.common.MasterKeyCipher;
import io.linkport.common.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-tenant, per-mode secret that signs deliveries to a link's own {@code webhookUrl}
 * (seed 002) or link token {@code webhook_url} (seed 000): those URLs have no registered endpoint
 * and so no endpoint secret. Created on first use; rotatable with an overlap like endpoint secrets.
 * Small enough that its SQL lives here rather than in a repository of its own.
 */
@Service
public class LinkWebhookSecretService {

    private static final String FIND = """
            SELECT secret_encrypted, previous_secret_encrypted, previous_expires_at, created_at, rotated_at
            FROM link_webhook_secrets WHERE tenant_id = ? AND mode = ?""";
    private static final String INSERT = """
            INSERT INTO link_webhook_secrets (tenant_id, mode, secret_encrypted, created_at) VALUES (?, ?, ?, ?)""";
    private static final String ROTATE = """
            UPDATE link_webhook_secrets SET secret_encrypted = ?, previous_secret_encrypted = ?, previous_expires_at = ?,
                   rotated_at = ?
            WHERE tenant_id = ? AND mode = ?""";

    /** The secret in plain text (for its owner only), and when the previous one stops signing. */
    public record LinkSecret(String secret, Instant createdAt, Instant rotatedAt, Instant previousExpiresAt,
                             String previousEncrypted) {
    }

    private final JdbcClient jdbc;
    private final MasterKeyCipher cipher;
    private final Clock clock;

    LinkWebhookSecretService(JdbcClient jdbc, MasterKeyCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The current secret, created on first use; two nodes racing to create it agree on one row. */
    public LinkSecret current(String tenantId, Mode mode) {
        return find(tenantId, mode).orElseGet(() -> {
            try {
                jdbc.sql(INSERT).params(tenantId, mode.name(), cipher.encrypt(WebhookSecrets.generate(), aad(tenantId, mode)),
                        JdbcWebhookEndpointRepository.at(clock.instant())).update();
            } catch (DuplicateKeyException lostRace) {
                // another request or node created it first: use theirs
            }
            return find(tenantId, mode).orElseThrow();
        });
    }

    @Transactional
    public LinkSecret rotate(String tenantId, Mode mode, Duration overlap) {
        LinkSecret current = current(tenantId, mode);
        Instant now = clock.instant();
        String previous = overlap.isZero() ? null : cipher.encrypt(current.secret(), aad(tenantId, mode));
        jdbc.sql(ROTATE).params(cipher.encrypt(WebhookSecrets.generate(), aad(tenantId, mode)), previous,
                JdbcWebhookEndpointRepository.at(overlap.isZero() ? null : now.plus(overlap)),
                JdbcWebhookEndpointRepository.at(now), tenantId, mode.name()).update();
        return find(tenantId, mode).orElseThrow();
    }

    List<String> signingSecrets(String tenantId, Mode mode, Instant now) {
        LinkSecret secret = current(tenantId, mode);
        List<String> secrets = new ArrayList<>(List.of(secret.secret()));
        if (secret.previousEncrypted() != null && secret.previousExpiresAt() != null && now.isBefore(secret.previousExpiresAt())) {
            secrets.add(cipher.decrypt(secret.previousEncrypted(), aad(tenantId, mode)));
        }
        return secrets;
    }

    private Optional<LinkSecret> find(String tenantId, Mode mode) {
        return jdbc.sql(FIND).params(tenantId, mode.name()).query((rs, row) -> map(rs, tenantId, mode)).optional();
    }

    private LinkSecret map(ResultSet rs, String tenantId, Mode mode) throws SQLException {
        return new LinkSecret(cipher.decrypt(rs.getString("secret_encrypted"), aad(tenantId, mode)),
                JdbcWebhookEndpointRepository.instant(rs, "created_at"), JdbcWebhookEndpointRepository.instant(rs, "rotated_at"),
                JdbcWebhookEndpointRepository.instant(rs, "previous_expires_at"), rs.getString("previous_secret_encrypted"));
    }

    private static String aad(String tenantId, Mode mode) {
        return "link-webhook-secret:" + tenantId + ":" + mode.name();
    }
}
