package org.lockbox.rootoftrust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.SecretKey;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every service's master keys, unsealed once when the application starts and held in memory.
 * If any cannot be unsealed, no key is served (fail closed) and the reason is logged and shown
 * by the readiness check.
 */
@ApplicationScoped
public class MasterKeys {

    private static final Logger LOG = Logger.getLogger(MasterKeys.class.getName());
    static final String RECORDED_BY_SERVER = "server";
    static final String RECORDED_BY_UPGRADE = "server-upgrade";

    @Inject
    MasterKeyProvider provider;

    @Inject
    MasterKeyRecords records;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

    /** Wipes keys set aside, once requests that were handed them are done (tests run it at once). */
    Executor wipeLater = WipeableKey.afterGrace();

    private volatile Map<String, NavigableMap<Integer, MasterKey>> keys = Map.of();
    private volatile String failure = "Master keys have not been unsealed yet";

    void unsealAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        unsealAll();
    }

    synchronized void unsealAll() {
        long start = System.nanoTime();
        try {
            Map<String, NavigableMap<Integer, MasterKey>> unsealed = new HashMap<>();
            for (String service : services) {
                unsealed.put(service, unseal(service));
            }
            keys = Map.copyOf(unsealed);
            failure = null;
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info(() -> "Master keys unsealed with the " + provider.name() + " provider in " + millis
                    + " ms; current versions " + currentVersions());
        } catch (UnsafeSettingsException e) {
            keys = Map.of();
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "LOCKBOX WILL NOT SERVE KEYS: " + e.getMessage()
                    + ". Fix every setting named and restart.");
        } catch (SealingException e) {
            keys = Map.of();
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "LOCKBOX WILL NOT SERVE KEYS: master keys could not be unsealed. "
                    + e.getMessage() + ". Fix the cause and restart; nothing falls back to another sealer.");
        }
    }

    private NavigableMap<Integer, MasterKey> unseal(String service) throws SealingException {
        List<Integer> versions = withoutRetired(service, provider.versions(service));
        Map<Integer, String> recorded = records.recorded(service);
        if (versions.isEmpty()) {
            if (!(provider instanceof SoftwareSealer)) {
                throw new SealingException("No master key is provisioned for service '" + service
                        + "'; provision one with the operator tool");
            }
            int version = provider.provision(service);
            SecretKey key = provider.unseal(service, version);
            records.record(service, version, key, RECORDED_BY_SERVER);
            recorded = records.recorded(service);
            versions = List.of(version);
            LOG.warning("Provisioned a new software-sealed master key for service '" + service + "'");
        } else if (recorded.isEmpty() && provider instanceof SoftwareSealer) {
            recorded = recordExistingSoftwareSealed(service, versions);
        }
        for (int version : recorded.keySet()) {
            if (!versions.contains(version)) {
                throw new SealingException("Master key " + service + " v" + version + " is recorded in the database"
                        + " but its sealed blob (" + provider.describe(service, version) + ") is missing: restore it"
                        + " from a backup or from recovery shares");
            }
        }
        NavigableMap<Integer, MasterKey> byVersion = new TreeMap<>();
        for (int version : versions) {
            if (!recorded.containsKey(version)) {
                throw MasterKeyRecords.unrecorded(service, version, provider.describe(service, version));
            }
            long start = System.nanoTime();
            SecretKey key = provider.unseal(service, version);
            MasterKeyRecords.check(service, version, key, recorded, provider.describe(service, version));
            byVersion.put(version, new MasterKey(service, version, key));
            long micros = (System.nanoTime() - start) / 1_000;
            LOG.info(() -> "Unsealed master key " + service + " v" + version + " in " + micros / 1000.0 + " ms");
        }
        return byVersion;
    }

    /**
     * Deletes this replica's sealed copies of versions retired meanwhile (by another replica, while
     * this one was stopped) and returns the versions left.
     */
    private List<Integer> withoutRetired(String service, List<Integer> sealed) throws SealingException {
        Set<Integer> retired = records.retired(service);
        List<Integer> left = new ArrayList<>();
        for (int version : sealed) {
            if (!retired.contains(version)) {
                left.add(version);
                continue;
            }
            provider.discard(service, version);
            LOG.info(() -> "Master key " + service + " v" + version + " was retired while this replica was stopped;"
                    + " its sealed copy here is deleted");
        }
        return left;
    }

    /**
     * Development only: software-sealed versions from before master keys were recorded are recorded
     * on the first start that finds none recorded for the service (trust on first use, logged).
     */
    private Map<Integer, String> recordExistingSoftwareSealed(String service, List<Integer> versions)
            throws SealingException {
        for (int version : versions) {
            records.record(service, version, provider.unseal(service, version), RECORDED_BY_UPGRADE);
        }
        LOG.warning("Master keys of service '" + service + "' sealed by the software sealer before versions were"
                + " recorded are now recorded as found: versions " + versions);
        return records.recorded(service);
    }

    /** The version new KEKs are wrapped under. */
    public MasterKey current(String service) {
        return forService(service).lastEntry().getValue();
    }

    public MasterKey version(String service, int version) {
        MasterKey key = forService(service).get(version);
        if (key == null) {
            key = loadSealedSinceStartup(service, version);
        }
        if (key == null) {
            throw new MasterKeysUnavailableException("Master key version " + version + " of service '"
                    + service + "' is not available");
        }
        return key;
    }

    /** The versions held in memory for a service, oldest first; the last is the current one. */
    public List<Integer> versions(String service) {
        return List.copyOf(forService(service).keySet());
    }

    /**
     * Seals a new version with the provider and holds it at once, without a restart: it is the
     * current version from now on. The earlier versions stay, so everything wrapped under them
     * still unwraps.
     */
    public synchronized MasterKey provision(String service) throws SealingException {
        int held = forService(service).lastKey();
        int newest = records.recorded(service).keySet().stream().max(Integer::compare).orElse(held);
        if (newest > held) {
            throw new VersionTakenException("Master key " + service + " v" + newest + " was provisioned by another"
                    + " replica and has not reached this one yet; it becomes current here once received", null);
        }
        int version = provider.provision(service);
        MasterKey key = new MasterKey(service, version, provider.unseal(service, version));
        try {
            records.record(service, version, key.key(), RECORDED_BY_SERVER);
        } catch (VersionTakenException e) {
            provider.discard(service, version);
            WipeableKey.wipe(key.key());
            throw new VersionTakenException("Another replica provisioned master key " + service + " v" + version
                    + " at the same moment and recorded it first; this replica's attempt is discarded, and that"
                    + " version becomes current here once received", e);
        }
        add(key);
        LOG.info(() -> "Master key of service '" + service + "': version " + version + " sealed by the "
                + provider.name() + " provider and now current");
        return key;
    }

    /**
     * Forgets a version nothing is wrapped under any more, after the provider has destroyed it.
     * The caller checks that no KEK uses it; the current version is never retired.
     */
    public synchronized void retire(String service, int version) throws SealingException {
        NavigableMap<Integer, MasterKey> byVersion = forService(service);
        if (!byVersion.containsKey(version)) {
            throw new IllegalArgumentException("Service '" + service + "' has no master key version " + version);
        }
        if (version == byVersion.lastKey()) {
            throw new IllegalStateException("Version " + version + " is the current master key of service '"
                    + service + "'");
        }
        records.forget(service, version);
        provider.retire(service, version);
        NavigableMap<Integer, MasterKey> remaining = new TreeMap<>(byVersion);
        MasterKey retired = remaining.remove(version);
        replace(service, remaining);
        wipeLater.execute(() -> WipeableKey.wipe(retired.key()));
        LOG.info(() -> "Master key of service '" + service + "': version " + version + " retired; it is wiped"
                + " from memory in " + WipeableKey.WIPE_GRACE.toSeconds() + " s");
    }

    /**
     * Brings the versions held in memory in line with the database and this replica's TPM, without
     * a restart: a version recorded and sealed here since startup (received from a sibling replica)
     * is unsealed, checked against its record and held, the highest held being current; a version
     * another replica retired is forgotten, wiped and its sealed copy here deleted. The current
     * version is never dropped. Returns what changed, for the log; nothing when keys are not served.
     */
    public synchronized List<String> refresh() throws SealingException {
        if (!ready()) {
            return List.of();
        }
        List<String> changes = new ArrayList<>();
        for (String service : services) {
            NavigableMap<Integer, MasterKey> held = forService(service);
            NavigableMap<Integer, MasterKey> updated = new TreeMap<>(held);
            List<MasterKey> dropped = new ArrayList<>();
            for (int version : records.retired(service)) {
                if (held.containsKey(version) && version != held.lastKey()) {
                    dropped.add(updated.remove(version));
                    provider.discard(service, version);
                    changes.add(service + " v" + version + " retired by another replica: forgotten");
                }
            }
            Map<Integer, String> recorded = records.recorded(service);
            List<Integer> sealedHere = provider.versions(service);
            for (int version : recorded.keySet()) {
                if (!updated.containsKey(version) && sealedHere.contains(version)) {
                    SecretKey key = provider.unseal(service, version);
                    MasterKeyRecords.check(service, version, key, recorded, provider.describe(service, version));
                    updated.put(version, new MasterKey(service, version, key));
                    changes.add(service + " v" + version + " held" + (version == updated.lastKey() ? ", current" : ""));
                }
            }
            if (!updated.equals(held)) {
                replace(service, updated);
                dropped.forEach(retired -> wipeLater.execute(() -> WipeableKey.wipe(retired.key())));
            }
        }
        if (!changes.isEmpty()) {
            LOG.info(() -> "Master keys changed by sibling replicas: " + String.join("; ", changes));
        }
        return changes;
    }

    /** Wipes every master key held when the application stops. */
    @PreDestroy
    synchronized void wipeAll() {
        Map<String, NavigableMap<Integer, MasterKey>> held = keys;
        keys = Map.of();
        failure = "The application is stopping";
        held.values().forEach(byVersion -> byVersion.values().forEach(key -> WipeableKey.wipe(key.key())));
    }

    /** Adds an unsealed version; the highest version held is the current one. */
    synchronized void add(MasterKey key) {
        NavigableMap<Integer, MasterKey> byVersion = new TreeMap<>(forService(key.service()));
        byVersion.put(key.version(), key);
        replace(key.service(), byVersion);
    }

    /** A version sealed after startup (by another replica or the operator tool), unsealed on first use. */
    private synchronized MasterKey loadSealedSinceStartup(String service, int version) {
        MasterKey key = forService(service).get(version);
        if (key != null) {
            return key;
        }
        try {
            if (!provider.versions(service).contains(version)) {
                return null;
            }
            SecretKey unsealed = provider.unseal(service, version);
            MasterKeyRecords.check(service, version, unsealed, records.recorded(service),
                    provider.describe(service, version));
            key = new MasterKey(service, version, unsealed);
        } catch (SealingException e) {
            LOG.warning("Master key version " + version + " of service '" + service + "' is sealed but could"
                    + " not be unsealed: " + e.getMessage());
            return null;
        }
        add(key);
        LOG.info("Master key of service '" + service + "': version " + version + ", sealed since startup, unsealed");
        return key;
    }

    private void replace(String service, NavigableMap<Integer, MasterKey> byVersion) {
        Map<String, NavigableMap<Integer, MasterKey>> updated = new HashMap<>(keys);
        updated.put(service, byVersion);
        keys = Map.copyOf(updated);
    }

    /**
     * Unseals every master key as at startup, unless they are held already: for a replica whose keys
     * arrived after it started (a joining replica). Returns whether keys may now be served.
     */
    public synchronized boolean unsealIfNotReady() {
        if (!ready()) {
            unsealAll();
        }
        return ready();
    }

    /** Whether keys may be served at all: every configured service's master key is unsealed. */
    public boolean ready() {
        return failure == null;
    }

    public MasterKeyStatus status() {
        String reason = failure;
        return new MasterKeyStatus(reason == null, provider.name(),
                reason == null ? "unsealed" : reason, currentVersions());
    }

    private NavigableMap<Integer, MasterKey> forService(String service) {
        String reason = failure;
        if (reason != null) {
            throw new MasterKeysUnavailableException(reason);
        }
        NavigableMap<Integer, MasterKey> byVersion = keys.get(service);
        if (byVersion == null) {
            throw new MasterKeysUnavailableException("No master key for service '" + service + "'");
        }
        return byVersion;
    }

    private Map<String, Integer> currentVersions() {
        Map<String, Integer> versions = new LinkedHashMap<>();
        keys.forEach((service, byVersion) -> versions.put(service, byVersion.lastKey()));
        return versions;
    }
}
