package io.linkport.logins;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.linkport.common.DataDirectory;
import io.linkport.common.LinkportProperties;
import io.linkport.common.MasterKeyCipher;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.linkport.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialVaultTest extends ServerTest {

    static final String SERVER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Autowired
    DataSource dataSource;

    @Autowired
    MasterKeyCipher serverCipher;

    @Autowired
    VaultReencryption reencryption;

    @Test
    void savedLoginWhenCreatedThenOnlyCiphertextInDatabaseAndNoPasswordInDatabaseOrLogs() throws Exception {
        TestTenant tenant = newTenant("vault plaintext");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        String loginId;
        try {
            loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "s"),
                    "user_mfa_code", "pass_good").get("loginId");
            Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false, "Save", true),
                    tenant.auth());
            api.post("/v1/Authorize", Map.of("RequestId", live.json().get("RequestId").asString(),
                    "SecurityResponses", Map.of("x", List.of("1234"))), tenant.auth());
        } finally {
            root.detachAppender(logs);
        }

        String stored = jdbc.sql("SELECT secret_ciphertext FROM logins WHERE id = ?").param(loginId).query(String.class).single();
        String keyId = jdbc.sql("SELECT secret_key_id FROM logins WHERE id = ?").param(loginId).query(String.class).single();
        assertThat(stored).startsWith("v1:mk1:");
        assertThat(keyId).isEqualTo("mk1");
        assertThat(serverCipher.decrypt(stored, loginId)).contains("pass_good");
        assertThatThrownBy(() -> serverCipher.decrypt(stored, "login_other")).isInstanceOf(IllegalStateException.class);

        assertThat(everyTextValueInDatabase()).noneMatch(value -> value.contains("pass_good"))
                .anyMatch(value -> value.equals(stored));
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).noneMatch(event -> event.getFormattedMessage().contains("pass_good")
                || (event.getThrowableProxy() != null && event.getThrowableProxy().getMessage() != null
                && event.getThrowableProxy().getMessage().contains("pass_good")));
    }

    @Test
    void reencryptWhenKeyRotatedThenEveryCiphertextResealedUnderNewKeyAndOldKeyNoLongerNeeded() {
        TestTenant tenant = newTenant("vault rotation");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        String loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "s"),
                "user_good", "pass_good").get("loginId");
        String original = jdbc.sql("SELECT secret_ciphertext FROM logins WHERE id = ?").param(loginId).query(String.class).single();
        String plaintext = serverCipher.decrypt(original, loginId);
        String oldKey = randomKey();
        String newKey = randomKey();
        // The row as an older deployment (key "rot-old") would have left it.
        MasterKeyCipher old = cipher(oldKey, "rot-old", "");
        reseal(loginId, old.encrypt(plaintext, loginId), "rot-old");

        // Rotation: "rot-new" is current, "rot-old" moved to previous-master-keys.
        MasterKeyCipher rotated = cipher(newKey, "rot-new", "rot-old:" + oldKey);
        VaultReencryption.Report report = reencryption.reencrypt(rotated);

        assertThat(report.resealed()).isEqualTo(1);
        assertThat(report.currentKeyId()).isEqualTo("rot-new");
        String resealed = jdbc.sql("SELECT secret_ciphertext FROM logins WHERE id = ?").param(loginId).query(String.class).single();
        assertThat(resealed).startsWith("v1:rot-new:");
        assertThat(jdbc.sql("SELECT secret_key_id FROM logins WHERE id = ?").param(loginId).query(String.class).single())
                .isEqualTo("rot-new");
        assertThat(cipher(newKey, "rot-new", "").decrypt(resealed, loginId)).isEqualTo(plaintext);
        assertThatThrownBy(() -> old.decrypt(resealed, loginId)).isInstanceOf(IllegalStateException.class);
        assertThat(reencryption.reencrypt(rotated).resealed()).isZero();

        // Rotating back to the server's key makes the login usable by the server again.
        reencryption.reencrypt(cipher(SERVER_KEY, "mk1", "rot-new:" + newKey));
        Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth());
        assertThat(live.status()).as(live.text()).isEqualTo(200);
    }

    @Test
    void adminReencryptThenReportAndNonAdminRefused() {
        Api.Response admin = api.post("/admin/v1/vault/reencrypt", "", Api.secret(ADMIN_KEY));
        Api.Response tenantKey = api.post("/admin/v1/vault/reencrypt", "", Api.secret(BOOTSTRAP_SECRET));

        assertThat(admin.status()).as(admin.text()).isEqualTo(200);
        assertThat(admin.json().get("currentKeyId").asString()).isEqualTo("mk1");
        assertThat(admin.json().get("unreadable").asInt()).isZero();
        assertThat(tenantKey.status()).isEqualTo(401);
    }

    private void reseal(String loginId, String ciphertext, String keyId) {
        jdbc.sql("UPDATE logins SET secret_ciphertext = ?, secret_key_id = ? WHERE id = ?").params(ciphertext, keyId, loginId)
                .update();
    }

    private static MasterKeyCipher cipher(String key, String keyId, String previous) {
        LinkportProperties properties = new LinkportProperties(null, null, TestDatabase.dataDir(), null, null, key, keyId,
                null, null);
        return new MasterKeyCipher(properties, new DataDirectory(properties), previous);
    }

    private static String randomKey() {
        return Base64.getEncoder().encodeToString(io.linkport.common.Ids.randomBytes(32));
    }

    /** Every non-null value of every column of every table of the test schema, as text. */
    private List<String> everyTextValueInDatabase() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("logins", "login_snapshots", "authorize_flows", "login_requests", "events");
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            if (value != null) {
                                values.add(value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length())
                                        : value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                                        : value.toString());
                            }
                        }
                    }
                }
            }
        }
        return values;
    }
}
