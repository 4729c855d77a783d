package io.linkport.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    static final int CAPACITY = 4096;

    private final JdbcSandboxStateRepository repository;
    private final JsonMapper json;
    private final Map<Key, JdbcSandboxStateRepository.Versioned> lastSeen = new ConcurrentHashMap<>();

    SandboxState(JdbcSandboxStateRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    Optional<List<Map<String, Object>>> list(SandboxAccount account, String key) {
        Key at = new Key(account.integrationId(), account.stateKey(), key);
        Optional<JdbcSandboxStateRepository.Versioned> read = repository.findVersioned(at.integrationId(),
                at.accountKey(), key);
        read.ifPresent(versioned -> remember(at, versioned));
        return read.map(versioned -> json.readValue(versioned.value(), LIST));
    }

    /**
     * Changes the list stored under {@code key} (empty when there is none yet) with {@code change},
     * and returns what was stored; when {@code change} answers null nothing is stored and null is
     * returned. A write that another write overtook between the read and the store is made again on
     * top of it, so two writes at the same moment both land.
     * <p>
     * The first attempt starts from the version this node last read or wrote, when it has one: a
     * run that reads an account's cards and then adds one pays one read, not two. That version only
     * saves the read; it decides nothing. The store compares it with what the database holds, and a
     * change that answers null on it is asked again on a fresh read.
     */
    List<Map<String, Object>> updateList(SandboxAccount account, String key, UnaryOperator<List<Map<String, Object>>> change) {
        Key at = new Key(account.integrationId(), account.stateKey(), key);
        Optional<JdbcSandboxStateRepository.Versioned> kept = Optional.ofNullable(lastSeen.remove(at));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean fresh = kept.isEmpty();
            Optional<JdbcSandboxStateRepository.Versioned> read = fresh
                    ? repository.findVersioned(at.integrationId(), at.accountKey(), key) : kept;
            kept = Optional.empty();
            List<Map<String, Object>> updated = change.apply(read.map(v -> json.readValue(v.value(), LIST)).orElse(List.of()));
            if (updated == null) {
                if (fresh) {
                    return null;
                }
                continue;
            }
            String text = json.writeValueAsString(updated);
            Optional<JdbcSandboxStateRepository.Versioned> stored = read.isPresent()
                    ? repository.replace(at.integrationId(), at.accountKey(), key, read.get(), text)
                    : repository.insertIfAbsent(at.integrationId(), at.accountKey(), key, text);
            if (stored.isPresent()) {
                remember(at, stored.get());
                return updated;
            }
        }
        throw new IllegalStateException("Sandbox state " + key + " kept changing under " + MAX_ATTEMPTS + " writes");
    }

    /** Bounded: when full, every version is forgotten at once, which costs later writes a read each and nothing else. */
    private void remember(Key at, JdbcSandboxStateRepository.Versioned versioned) {
        if (lastSeen.size() >= CAPACITY) {
            lastSeen.clear();
        }
        lastSeen.put(at, versioned);
    }

    /**
     * Marks the account's password as changed; true when it was not marked before (the first
     * login), false ever after.
     */
    boolean markPasswordChanged(String integrationId, String stateKey) {
        return repository.insertIfAbsent(integrationId, stateKey, PASSWORD_CHANGED, "true").isPresent();
    }

    boolean passwordChanged(String integrationId, String stateKey) {
        return repository.find(integrationId, stateKey, PASSWORD_CHANGED).isPresent();
    }

    private record Key(String integrationId, String accountKey, String key) {
    }
}
