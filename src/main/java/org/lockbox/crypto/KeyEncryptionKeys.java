package org.lockbox.crypto;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.WipeableKey;

/**
 * Per-(service, project) KEKs: created on a project's first key, wrapped under the service's
 * master key, and kept unwrapped in a bounded in-memory cache so that a read does not unwrap
 * its KEK again. An unwrapped KEK is kept a fixed time after it was unwrapped, not after its last
 * use, and wiped from memory once set aside.
 */
@ApplicationScoped
public class KeyEncryptionKeys {

    @Inject
    KekStore store;

    @Inject
    MasterKeys masterKeys;

    @Inject
    Wrapping wrapping;

    @Inject
    SecureRandom random;

    @Inject
    @ConfigProperty(name = "lockbox.kek.cache-seconds")
    long cacheSeconds;

    /** The clock of the KEK cache (tests turn it by hand). */
    Ticker ticker = Ticker.systemTicker();

    /** Wipes KEKs set aside, once requests that were handed them are done (tests run it at once). */
    Executor wipeLater = WipeableKey.afterGrace();

    /** Evicts expired KEKs on time even when no request comes (tests evict by hand). */
    Scheduler scheduler = Scheduler.systemScheduler();

    private Cache<ProjectKek.Key, SecretKey> unwrapped;
    private Cache<String, Integer> currentVersions;

    /** A KEK ready to wrap with, and the version to record beside what it wraps. */
    public record ActiveKek(int version, SecretKey key) {
        @Override
        public String toString() {
            return "ActiveKek[v" + version + "]";
        }
    }

    @PostConstruct
    void init() {
        // A fixed lifetime from loading, however often the KEK is used: a KEK in use is unwrapped again
        // at least every cacheSeconds, and one set aside (expired, evicted, forgotten) is wiped.
        unwrapped = Caffeine.newBuilder().maximumSize(50_000)
                .expireAfterWrite(cacheSeconds, TimeUnit.SECONDS)
                .ticker(ticker)
                .scheduler(scheduler)
                .executor(Runnable::run)
                .removalListener((ProjectKek.Key key, SecretKey kek, RemovalCause cause) -> {
                    if (kek != null) {
                        wipeLater.execute(() -> WipeableKey.wipe(kek));
                    }
                })
                .recordStats().build();
        currentVersions = Caffeine.newBuilder().maximumSize(50_000)
                .expireAfterWrite(60, TimeUnit.SECONDS).build();
    }

    /** Hits and misses of the cache of unwrapped KEKs since the start, for the operators' metrics. */
    public CacheStats cacheStats() {
        return unwrapped.stats();
    }

    /** Unwrapped KEKs held now (an estimate). */
    public long cacheSize() {
        return unwrapped.estimatedSize();
    }

    /** The project's current KEK, created (and wrapped under the current master key) if it has none. */
    public ActiveKek current(String service, String projectId) {
        int version = currentVersions.get(service + '\u0000' + projectId, k -> currentVersion(service, projectId));
        return new ActiveKek(version, forVersion(service, projectId, version));
    }

    /** A project KEK rotation: material wrapped under {@code from} is to be rewrapped under {@code to}. */
    public record KekRotation(int from, int to) {
    }

    /**
     * Creates the project's next KEK version, wrapped under the current master key, and makes it
     * the active one in place of {@code expectedCurrent}, in the caller's transaction. The previous
     * version stays readable (RETIRING) until nothing refers to it. Empty when {@code expectedCurrent}
     * is no longer the active version (a concurrent rotation committed first). Call
     * {@link #forgetCurrentVersion} once the transaction has committed.
     */
    public Optional<KekRotation> rotate(String service, String projectId, int expectedCurrent) {
        int next = expectedCurrent + 1;
        MasterKey master = masterKeys.current(service);
        byte[] kek = new byte[32];
        random.nextBytes(kek);
        try {
            byte[] wrapped = wrapping.wrap(master.key(), kek, Binding.kek(service, projectId, next, master.version()));
            ProjectKek created = new ProjectKek(service, projectId, next, master.version(), wrapped,
                    LocalDateTime.now(ZoneOffset.UTC));
            return store.supersede(expectedCurrent, created)
                    ? Optional.of(new KekRotation(expectedCurrent, next)) : Optional.empty();
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /**
     * Drops this replica's cached current version of a project's KEK, so that new material is
     * wrapped under a freshly rotated version at once. Other replicas follow within a minute, and
     * what they wrap meanwhile under the previous version is rewrapped by the background sweep.
     */
    public void forgetCurrentVersion(String service, String projectId) {
        currentVersions.invalidate(service + '\u0000' + projectId);
    }

    /**
     * A KEK's wrapped form under another master-key version: unwrapped under the version it was
     * wrapped with, wrapped again under {@code target} and bound to it. The KEK itself does not
     * change, so neither does anything it wraps, nor its cached unwrapped value.
     */
    public byte[] rewrapUnderMasterKey(String service, String projectId, int kekVersion, int masterKeyVersion,
                                       byte[] wrapped, MasterKey target) {
        MasterKey current = masterKeys.version(service, masterKeyVersion);
        byte[] raw = wrapping.unwrap(current.key(), wrapped,
                Binding.kek(service, projectId, kekVersion, masterKeyVersion));
        try {
            return wrapping.wrap(target.key(), raw, Binding.kek(service, projectId, kekVersion, target.version()));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Sets aside this replica's unwrapped KEK versions of a project below {@code version} (retired ones),
     * so that they are wiped; a later read of one unwraps it again. Other replicas let theirs expire.
     */
    public void forgetVersionsBelow(String service, String projectId, int version) {
        unwrapped.invalidateAll(unwrapped.asMap().keySet().stream()
                .filter(key -> key.service().equals(service) && key.projectId().equals(projectId)
                        && key.version() < version)
                .toList());
    }

    /** Wipes every unwrapped KEK when the application stops. */
    @PreDestroy
    void wipeAll() {
        wipeLater = WipeableKey::wipeNow;
        unwrapped.invalidateAll();
        unwrapped.cleanUp();
    }

    /** The KEK version that wrapped some material. */
    public SecretKey forVersion(String service, String projectId, int version) {
        return unwrapped.get(new ProjectKek.Key(service, projectId, version),
                k -> unwrap(service, projectId, store.find(service, projectId, version)));
    }

    private int currentVersion(String service, String projectId) {
        ProjectKek latest = store.latest(service, projectId);
        return (latest != null ? latest : createFirst(service, projectId)).version();
    }

    private ProjectKek createFirst(String service, String projectId) {
        MasterKey master = masterKeys.current(service);
        byte[] kek = new byte[32];
        random.nextBytes(kek);
        try {
            byte[] wrapped = wrapping.wrap(master.key(), kek, Binding.kek(service, projectId, 1, master.version()));
            store.insert(new ProjectKek(service, projectId, 1, master.version(), wrapped,
                    LocalDateTime.now(ZoneOffset.UTC)));
        } catch (EJBException concurrentCreation) {
            // Another request or replica created it first; use theirs.
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
        ProjectKek created = store.latest(service, projectId);
        if (created == null) {
            throw new IllegalStateException("Could not create a KEK for the project");
        }
        return created;
    }

    private SecretKey unwrap(String service, String projectId, ProjectKek kek) {
        if (kek == null) {
            throw new UnwrapFailedException("A project KEK referenced by stored material is missing");
        }
        MasterKey master = masterKeys.version(service, kek.masterKeyVersion());
        byte[] raw = wrapping.unwrap(master.key(), kek.wrappedKey(),
                Binding.kek(service, projectId, kek.version(), kek.masterKeyVersion()));
        try {
            return new WipeableKey(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
