package io.linkport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.ServerTest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's writes start from the version this node last read or wrote (SandboxState): a
 * read followed by a write pays one read, and a version that another node has since replaced
 * decides nothing. Runs on the real database; only the reads are counted.
 */
class SandboxStateVersionsTest extends ServerTest {

    private static final String KEY = "paymentMethods";

    @Autowired
    JsonMapper json;
    @Autowired
    Clock clock;

    private final AtomicInteger reads = new AtomicInteger();
    private SandboxState state;
    private SandboxAccount account;

    @BeforeEach
    void state() {
        JdbcSandboxStateRepository repository = new JdbcSandboxStateRepository(jdbc, clock) {
            @Override
            Optional<Versioned> findVersioned(String integrationId, String accountKey, String key) {
                reads.incrementAndGet();
                return super.findVersioned(integrationId, accountKey, key);
            }
        };
        state = new SandboxState(repository, json);
        account = account(UUID.randomUUID().toString());
    }

    @Test
    void readThenWriteOnThisNodeThenOneReadAndBothCardsStored() {
        state.updateList(account, KEY, cards -> add(cards, "1111"));
        reads.set(0);

        assertThat(state.list(account, KEY)).hasValueSatisfying(cards -> assertThat(last4(cards)).containsExactly("1111"));
        List<Map<String, Object>> written = state.updateList(account, KEY, cards -> add(cards, "4444"));

        assertThat(reads).hasValue(1);
        assertThat(last4(written)).containsExactly("1111", "4444");
        assertThat(last4(stored())).containsExactly("1111", "4444");
    }

    @Test
    void writtenElsewhereBetweenReadAndWriteThenReadAgainAndNoCardLost() {
        state.updateList(account, KEY, cards -> add(cards, "1111"));
        state.list(account, KEY);
        reads.set(0);
        writeElsewhere("[{\"last4\":\"1111\"},{\"last4\":\"2222\"}]");

        List<Map<String, Object>> written = state.updateList(account, KEY, cards -> add(cards, "4444"));

        assertThat(reads).hasValue(1);
        assertThat(last4(written)).containsExactly("1111", "2222", "4444");
        assertThat(last4(stored())).containsExactly("1111", "2222", "4444");
    }

    /** A refusal (null) is the answer only on a fresh read: here the card it objects to is gone. */
    @Test
    void changeRefusesOnTheRememberedVersionThenAskedAgainOnAFreshReadAndStored() {
        state.updateList(account, KEY, cards -> add(cards, "1111"));
        state.list(account, KEY);
        writeElsewhere("[{\"last4\":\"2222\"}]");

        List<Map<String, Object>> written = state.updateList(account, KEY,
                cards -> last4(cards).contains("1111") ? null : add(cards, "4444"));

        assertThat(last4(written)).containsExactly("2222", "4444");
        assertThat(last4(stored())).containsExactly("2222", "4444");
    }

    @Test
    void changeRefusesOnAFreshReadThenNullAndNothingStored() {
        state.updateList(account, KEY, cards -> add(cards, "1111"));

        assertThat(state.updateList(account, KEY, cards -> null)).isNull();
        assertThat(last4(stored())).containsExactly("1111");
    }

    @Test
    void fullThenEveryVersionForgottenAndTheNextWriteReadsFirst() {
        state.updateList(account, KEY, cards -> add(cards, "1111"));
        for (int i = 0; i < SandboxState.CAPACITY; i++) {
            state.updateList(account("full-" + UUID.randomUUID()), KEY, cards -> add(cards, "1111"));
        }
        reads.set(0);

        state.updateList(account, KEY, cards -> add(cards, "4444"));

        assertThat(reads).hasValue(1);
        assertThat(last4(stored())).containsExactly("1111", "4444");
    }

    private SandboxAccount account(String username) {
        SandboxInstitution tmobile = SandboxInstitutions.ALL.stream().filter(i -> i.id().equals("tmobile")).findFirst()
                .orElseThrow();
        return new SandboxAccount(tmobile, username, SandboxAccount.stateKey("tmobile", null, username),
                LocalDate.now(clock), null);
    }

    /** Another node's write: a new value and a later version, straight in the table. */
    private void writeElsewhere(String value) {
        int updated = jdbc.sql("""
                        UPDATE sandbox_state SET state_value = ?, updated_at = ?
                        WHERE integration_id = 'tmobile' AND account_key = ? AND state_key = ?""")
                .params(value, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1).truncatedTo(ChronoUnit.MICROS),
                        account.stateKey(), KEY)
                .update();
        assertThat(updated).isEqualTo(1);
    }

    private List<Map<String, Object>> stored() {
        String text = jdbc.sql("""
                        SELECT state_value FROM sandbox_state
                        WHERE integration_id = 'tmobile' AND account_key = ? AND state_key = ?""")
                .params(account.stateKey(), KEY).query(String.class).single();
        return json.readValue(text, new tools.jackson.core.type.TypeReference<>() {
        });
    }

    private static List<Map<String, Object>> add(List<Map<String, Object>> cards, String last4) {
        List<Map<String, Object>> added = new ArrayList<>(cards);
        added.add(Map.of("last4", last4));
        return added;
    }

    private static List<Object> last4(List<Map<String, Object>> cards) {
        return cards.stream().<Object>map(card -> card.get("last4")).toList();
    }
}
