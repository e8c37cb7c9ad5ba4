package hu.miskolc.fourim.database;

import java.util.HashMap;
import java.util.Map;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a transaction has already read or written, kept for the rest of it, so that a command repeating a lookup reads
 * the row once: the bulk import starts two hundred surveys in one transaction, and each start looks up its district
 * and the household the import has just registered. The map is bound to the current Spring transaction and dropped
 * when it completes (commit or rollback); a transaction started inside it has its own; outside a transaction nothing
 * is kept.
 */
public final class TransactionMemo {

    private TransactionMemo() {
    }

    /** The current transaction's map of {@code owner} (a key private to its caller), created on first use. */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> of(Object owner) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        Map<K, V> memo = (Map<K, V>) TransactionSynchronizationManager.getResource(owner);
        if (memo == null) {
            Map<K, V> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(owner, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                // a transaction started inside this one (REQUIRES_NEW) gets a memo of its own, and this one's is back
                // when it resumes
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(owner);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(owner, created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(owner);
                }
            });
            memo = created;
        }
        return memo;
    }
}
