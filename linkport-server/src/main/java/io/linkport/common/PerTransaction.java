package io.linkport.common;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read once per transaction: a group-committed transaction appends the events of dozens of
 * requests, and each asked the database the same question (the tenant's webhook subscriptions).
 * Outside a transaction every call loads. The owner calls {@link #forget()} when it writes what the
 * values were read from, so a transaction still sees its own writes.
 */
public final class PerTransaction<K, V> {

    /** The value for {@code key}, loaded on its first use in this transaction; callers must not change it. */
    public V get(K key, Function<K, V> load) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return load.apply(key);
        }
        @SuppressWarnings("unchecked")
        Map<K, V> read = (Map<K, V>) TransactionSynchronizationManager.getResource(this);
        if (read == null) {
            read = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PerTransaction.this);
                }
            });
        }
        V value = read.get(key);
        if (value == null) {
            value = load.apply(key);
            read.put(key, value);
        }
        return value;
    }

    /** Drops what this transaction has read, after a write that changes it. */
    public void forget() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            @SuppressWarnings("unchecked")
            Map<K, V> read = (Map<K, V>) TransactionSynchronizationManager.getResource(this);
            if (read != null) {
                read.clear();
            }
        }
    }
}
