package org.lockbox.crypto;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeys;

/**
 * Per-(service, project) KEKs: created on a project's first key, wrapped under the service's
 * master key, and kept unwrapped in a bounded in-memory cache so that a read does not unwrap
 * its KEK again.
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
    @ConfigProperty(name = "lockbox.kek.cache-seconds", defaultValue = "600")
    long cacheSeconds;

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
        unwrapped = Caffeine.newBuilder().maximumSize(50_000)
                .expireAfterAccess(cacheSeconds, TimeUnit.SECONDS).build();
        currentVersions = Caffeine.newBuilder().maximumSize(50_000)
                .expireAfterWrite(60, TimeUnit.SECONDS).build();
    }

    /** The project's current KEK, created (and wrapped under the current master key) if it has none. */
    public ActiveKek current(String service, String projectId) {
        int version = currentVersions.get(service + '\u0000' + projectId, k -> currentVersion(service, projectId));
        return new ActiveKek(version, forVersion(service, projectId, version));
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
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
