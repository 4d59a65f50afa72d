package org.lockbox.secret;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAclChanged;
import org.lockbox.policy.AccessTarget;

/**
 * The secrets, with their read ACLs, that key reads found in the database recently, so that a key in
 * use is read from the database at most once per {@code lockbox.secret-read-cache-millis} on each
 * replica (1,000 ms by default; 0 turns the cache off). Only the read paths use it (metadata and
 * payload, {@link SecretReads}); every change, and every check before a change, reads the database.
 * <p>
 * How stale an answer can be: a change committed on this replica is seen at once (its entry is
 * dropped when the transaction ends, and an entry loaded while the change was being committed is not
 * kept); a change committed on another replica is seen here within the bound, since an entry older
 * than the bound is never used. That holds for a deletion, a restore, an ACL change and an expiry
 * (which is checked against the clock on every read). Grants and tokens are not held here.
 */
@ApplicationScoped
public class SecretReadCache {

    /** Beyond this many entries, expired ones are dropped, then all if that is not enough. */
    static final int MAX_ENTRIES = 100_000;

    /** A secret as read, its access target (its ACL, or the default), and when it was read. */
    record Entry(Secret secret, AccessTarget acl, long readAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on every change: an entry read before a change and offered after it is not kept. */
    private final AtomicLong changes = new AtomicLong();

    @Inject
    @ConfigProperty(name = "lockbox.secret-read-cache-millis")
    long maxAgeMillis;

    @Resource
    TransactionSynchronizationRegistry transactions;

    LongSupplier clock = System::nanoTime;

    /** The entry for the secret, if there is one younger than the bound. */
    Optional<Entry> fresh(String secretId) {
        Entry entry = entries.get(secretId);
        if (entry == null || clock.getAsLong() - entry.readAt() > maxAgeMillis * 1_000_000L) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** A mark to take before reading the database, for {@link #keep}. */
    long mark() {
        return changes.get();
    }

    /** Keeps what was read, unless the cache is off or a change happened since the mark was taken. */
    void keep(Secret secret, AccessTarget acl, long mark, long readAt) {
        if (maxAgeMillis <= 0 || changes.get() != mark) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            long now = clock.getAsLong();
            entries.values().removeIf(e -> now - e.readAt() > maxAgeMillis * 1_000_000L);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(secret.id(), new Entry(secret, acl, readAt));
        if (changes.get() != mark) {
            entries.remove(secret.id());
        }
    }

    /** Drops the secret's entry now and, if a transaction is writing the change, again when it ends. */
    void changed(String secretId) {
        forget(secretId);
        afterTransaction(() -> forget(secretId));
    }

    private void afterTransaction(Runnable action) {
        if (transactions != null && transactions.getTransactionKey() != null
                && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // not committed yet: others still read the old row
                }

                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }

    void aclChanged(@Observes ReadAclChanged change) {
        if (change.isFor(AclTarget.SECRET)) {
            changed(change.resourceId());
        }
    }

    private void forget(String secretId) {
        changes.incrementAndGet();
        entries.remove(secretId);
    }
}
