package io.linkport.logins;

import io.linkport.common.MasterKeyCipher;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Re-seals every vault ciphertext (saved-login secrets, pending MFA transactions, pending
 * hosted logins) under the current master key after a rotation. Each row is rewritten with a
 * conditional UPDATE on its old ciphertext, so a row changed meanwhile is simply left for the
 * next run, and the command can run on a live cluster and be repeated safely.
 */
@Service
public class VaultReencryption {

    /** A table and the columns holding its id (the associated data), ciphertext and key id. */
    private record Column(String table, String id, String ciphertext, String keyId) {
        String select() {
            return "SELECT " + id + ", " + ciphertext + " FROM " + table + " WHERE " + ciphertext + " IS NOT NULL AND "
                    + keyId + " <> ?";
        }

        String update() {
            return "UPDATE " + table + " SET " + ciphertext + " = ?, " + keyId + " = ? WHERE " + id + " = ? AND "
                    + ciphertext + " = ?";
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("logins", "id", "secret_ciphertext", "secret_key_id"),
            new Column("login_requests", "id", "pending_ciphertext", "pending_key_id"),
            new Column("authorize_flows", "id", "pending_ciphertext", "pending_key_id"));

    /**
     * What a run did: rows re-sealed, rows already under the current key are not counted, and
     * rows sealed with a key this node does not have (add it to previous-master-keys and re-run).
     */
    public record Report(String currentKeyId, int resealed, int unreadable) {
    }

    private final JdbcClient jdbc;
    private final MasterKeyCipher serverCipher;

    VaultReencryption(JdbcClient jdbc, MasterKeyCipher serverCipher) {
        this.jdbc = jdbc;
        this.serverCipher = serverCipher;
    }

    /** Re-seals under the server's current master key. */
    public Report reencrypt() {
        return reencrypt(serverCipher);
    }

    /** Re-seals under {@code cipher}'s current key; a row {@code cipher} cannot open is counted, not touched. */
    Report reencrypt(MasterKeyCipher cipher) {
        int resealed = 0;
        int unreadable = 0;
        for (Column column : COLUMNS) {
            List<String[]> rows = jdbc.sql(column.select()).param(cipher.currentKeyId())
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
            for (String[] row : rows) {
                String plaintext;
                try {
                    plaintext = cipher.decrypt(row[1], row[0]);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    unreadable++;
                    continue;
                }
                String sealed = cipher.encrypt(plaintext, row[0]);
                resealed += jdbc.sql(column.update()).params(sealed, cipher.currentKeyId(), row[0], row[1]).update();
            }
        }
        return new Report(cipher.currentKeyId(), resealed, unreadable);
    }
}
