package io.linkport.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What writes changed at a sandbox institution, per account, kept in the database so a later
 * read sees it from any node and after a restart. Only what a real institution would show back
 * is kept (a card's last four digits, never its number or CVV).
 */
@Component
class SandboxState {

    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final String PASSWORD_CHANGED = "passwordChanged";
    private static final int MAX_ATTEMPTS = 100;

    private final JdbcSandboxStateRepository repository;
    private final JsonMapper json;

    SandboxState(JdbcSandboxStateRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    Optional<List<Map<String, Object>>> list(SandboxAccount account, String key) {
        return repository.find(account.integrationId(), account.stateKey(), key).map(text -> json.readValue(text, LIST));
    }

    /**
     * Changes the list stored under {@code key} (empty when there is none yet) with {@code change},
     * and returns what was stored; when {@code change} answers null nothing is stored and null is
     * returned. A write that another write overtook between the read and the store is made again on
     * top of it, so two writes at the same moment both land.
     */
    List<Map<String, Object>> updateList(SandboxAccount account, String key, UnaryOperator<List<Map<String, Object>>> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<JdbcSandboxStateRepository.Versioned> read = repository.findVersioned(account.integrationId(),
                    account.stateKey(), key);
            List<Map<String, Object>> updated = change.apply(read.map(v -> json.readValue(v.value(), LIST)).orElse(List.of()));
            if (updated == null) {
                return null;
            }
            String text = json.writeValueAsString(updated);
            boolean stored = read.isPresent()
                    ? repository.replace(account.integrationId(), account.stateKey(), key, read.get(), text)
                    : repository.insertIfAbsent(account.integrationId(), account.stateKey(), key, text);
            if (stored) {
                return updated;
            }
        }
        throw new IllegalStateException("Sandbox state " + key + " kept changing under " + MAX_ATTEMPTS + " writes");
    }

    /**
     * Marks the account's password as changed; true when it was not marked before (the first
     * login), false ever after.
     */
    boolean markPasswordChanged(String integrationId, String stateKey) {
        return repository.insertIfAbsent(integrationId, stateKey, PASSWORD_CHANGED, "true");
    }

    boolean passwordChanged(String integrationId, String stateKey) {
        return repository.find(integrationId, stateKey, PASSWORD_CHANGED).isPresent();
    }
}
