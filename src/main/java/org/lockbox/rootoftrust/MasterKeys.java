package org.lockbox.rootoftrust;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    @Inject
    MasterKeyProvider provider;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

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
        } catch (SealingException e) {
            keys = Map.of();
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "LOCKBOX WILL NOT SERVE KEYS: master keys could not be unsealed. "
                    + e.getMessage() + ". Fix the cause and restart; nothing falls back to another sealer.");
        }
    }

    private NavigableMap<Integer, MasterKey> unseal(String service) throws SealingException {
        List<Integer> versions = provider.versions(service);
        if (versions.isEmpty()) {
            if (!(provider instanceof SoftwareSealer)) {
                throw new SealingException("No master key is provisioned for service '" + service
                        + "'; provision one with the operator tool");
            }
            versions = List.of(provider.provision(service));
            LOG.warning("Provisioned a new software-sealed master key for service '" + service + "'");
        }
        NavigableMap<Integer, MasterKey> byVersion = new TreeMap<>();
        for (int version : versions) {
            long start = System.nanoTime();
            byVersion.put(version, new MasterKey(service, version, provider.unseal(service, version)));
            long micros = (System.nanoTime() - start) / 1_000;
            LOG.info(() -> "Unsealed master key " + service + " v" + version + " in " + micros / 1000.0 + " ms");
        }
        return byVersion;
    }

    /** The version new KEKs are wrapped under. */
    public MasterKey current(String service) {
        return forService(service).lastEntry().getValue();
    }

    public MasterKey version(String service, int version) {
        MasterKey key = forService(service).get(version);
        if (key == null) {
            throw new MasterKeysUnavailableException("Master key version " + version + " of service '"
                    + service + "' is not available");
        }
        return key;
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
