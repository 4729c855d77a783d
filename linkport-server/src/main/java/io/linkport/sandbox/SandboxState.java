package io.linkport.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final JdbcSandboxStateRepository repository;
    private final JsonMapper json;

    SandboxState(JdbcSandboxStateRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    Optional<List<Map<String, Object>>> list(SandboxAccount account, String key) {
        return repository.find(account.integrationId(), account.stateKey(), key).map(text -> json.readValue(text, LIST));
    }

    void saveList(SandboxAccount account, String key, List<Map<String, Object>> value) {
        repository.save(account.integrationId(), account.stateKey(), key, json.writeValueAsString(value));
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
