package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Versions added and retired while the server runs, with a provider that keeps sealed keys in memory. */
class MasterKeysTest {

    private final InMemoryProvider provider = new InMemoryProvider(true);
    private final InMemoryRecords records = new InMemoryRecords();
    private final MasterKeys masterKeys = masterKeys(provider, records);

    @Test
    void aProvisionedVersionIsCurrentAtOnceAndOlderOnesStay() throws SealingException {
        masterKeys.unsealAll();
        assertEquals(1, masterKeys.current("volume").version());

        MasterKey second = masterKeys.provision("volume");
        assertEquals(2, second.version());
        assertEquals(second, masterKeys.current("volume"));
        assertEquals(List.of(1, 2), masterKeys.versions("volume"));
        assertEquals(provider.sealed("volume", 1), masterKeys.version("volume", 1).key());
        assertEquals(2, masterKeys.status().currentVersions().get("volume"));
        assertEquals(1, masterKeys.current("object").version(), "other services are untouched");
    }

    @Test
    void retiringForgetsAnOldVersionButNeverTheCurrentOne() throws SealingException {
        masterKeys.unsealAll();
        masterKeys.provision("volume");

        assertThrows(IllegalStateException.class, () -> masterKeys.retire("volume", 2));
        assertThrows(IllegalArgumentException.class, () -> masterKeys.retire("volume", 5));
        masterKeys.retire("volume", 1);

        assertEquals(List.of(2), masterKeys.versions("volume"));
        assertEquals(List.of(2), provider.versions("volume"), "the provider destroyed it");
        MasterKeysUnavailableException gone = assertThrows(MasterKeysUnavailableException.class,
                () -> masterKeys.version("volume", 1));
        assertTrue(gone.getMessage().contains("version 1"), gone.getMessage());
    }

    @Test
    void aRetiredVersionIsWipedFromMemoryOnceTheGraceIsOver() throws SealingException {
        List<Runnable> graceOver = new ArrayList<>();
        masterKeys.wipeLater = graceOver::add;
        masterKeys.unsealAll();
        SecretKey first = masterKeys.version("volume", 1).key();
        masterKeys.provision("volume");

        masterKeys.retire("volume", 1);

        assertFalse(first.isDestroyed(), "a request handed it just before may still use it");
        assertEquals(1, graceOver.size());
        graceOver.forEach(Runnable::run);
        assertTrue(first.isDestroyed());
        assertThrows(IllegalStateException.class, first::getEncoded, "a wiped key is never used as zeros");
        assertFalse(masterKeys.current("volume").key().isDestroyed(), "the current version stays");
    }

    @Test
    void everyKeyIsWipedWhenTheApplicationStops() {
        masterKeys.unsealAll();
        SecretKey volume = masterKeys.current("volume").key();
        SecretKey object = masterKeys.current("object").key();
        masterKeys.wipeAll();
        assertTrue(volume.isDestroyed());
        assertTrue(object.isDestroyed());
        assertThrows(MasterKeysUnavailableException.class, () -> masterKeys.current("volume"));
    }

    @Test
    void aProviderThatCannotRetireKeepsTheVersion() throws SealingException {
        InMemoryProvider keeping = new InMemoryProvider(false);
        MasterKeys keys = masterKeys(keeping, new InMemoryRecords());
        keys.unsealAll();
        keys.provision("volume");
        assertThrows(UnsupportedOperationException.class, () -> keys.retire("volume", 1));
        assertEquals(List.of(1, 2), keys.versions("volume"));
    }

    @Test
    void aVersionSealedSinceStartupIsUnsealedWhenFirstNeeded() throws SealingException {
        masterKeys.unsealAll();
        int sealedElsewhere = provider.provision("volume");
        records.record("volume", sealedElsewhere, provider.sealed("volume", sealedElsewhere), "another replica");

        assertEquals(1, masterKeys.current("volume").version(), "not loaded before it is needed");
        assertEquals(provider.sealed("volume", sealedElsewhere), masterKeys.version("volume", sealedElsewhere).key());
        assertEquals(sealedElsewhere, masterKeys.current("volume").version());
        assertThrows(MasterKeysUnavailableException.class, () -> masterKeys.version("volume", 9));
    }

    @Test
    void nothingIsProvisionedForAnUnknownServiceOrWhileFailedClosed() {
        masterKeys.unsealAll();
        assertThrows(MasterKeysUnavailableException.class, () -> masterKeys.provision("nova"));
        provider.failing = true;
        masterKeys.unsealAll();
        assertThrows(MasterKeysUnavailableException.class, () -> masterKeys.provision("volume"));
        assertTrue(provider.versions.get("volume").size() <= 1);
    }

    @Test
    void aVersionSealedSinceStartupWithoutARecordIsNotUsed() throws SealingException {
        masterKeys.unsealAll();
        int planted = provider.provision("volume");

        assertThrows(MasterKeysUnavailableException.class, () -> masterKeys.version("volume", planted));
        assertEquals(1, masterKeys.current("volume").version());
    }

    @Test
    void provisioningRecordsTheNewVersionAndRetiringForgetsIt() throws SealingException {
        masterKeys.unsealAll();
        MasterKey second = masterKeys.provision("volume");
        assertTrue(MasterKeyFingerprint.matches("volume", 2, second.key(), records.recorded("volume").get(2)));
        masterKeys.retire("volume", 1);
        assertEquals(List.of(2), List.copyOf(records.recorded("volume").keySet()));
    }

    @Test
    void whenAnotherReplicaRecordsTheSameVersionFirstThisOneDiscardsItsOwn() throws SealingException {
        masterKeys.unsealAll();
        provider.meanwhile = () -> recordQuietly("volume", 2, "another replica's key");

        VersionTakenException lost = assertThrows(VersionTakenException.class, () -> masterKeys.provision("volume"));

        assertTrue(lost.getMessage().contains("volume v2"), lost.getMessage());
        assertEquals(List.of(1), provider.versions("volume"), "its own version 2 is deleted, never used");
        assertEquals(1, masterKeys.current("volume").version());
    }

    @Test
    void aReplicaThatLacksTheNewestRecordedVersionProvisionsNothing() throws SealingException {
        masterKeys.unsealAll();
        records.record("volume", 2, "another replica's key", "another replica");

        assertThrows(VersionTakenException.class, () -> masterKeys.provision("volume"));
        assertEquals(List.of(1), provider.versions("volume"));
    }

    @Test
    void refreshingHoldsVersionsReceivedSinceAndForgetsVersionsRetiredElsewhere() throws SealingException {
        List<Runnable> graceOver = new ArrayList<>();
        masterKeys.wipeLater = graceOver::add;
        masterKeys.unsealAll();
        assertEquals(List.of(), masterKeys.refresh(), "nothing changed");
        SecretKey first = masterKeys.version("volume", 1).key();
        int received = provider.provision("volume");
        records.record("volume", received, provider.sealed("volume", received), "another replica");

        assertEquals(List.of("volume v2 held, current"), masterKeys.refresh());
        assertEquals(received, masterKeys.current("volume").version());

        records.forget("volume", 1);
        masterKeys.refresh();
        assertEquals(List.of(2), masterKeys.versions("volume"));
        assertEquals(List.of(2), provider.versions("volume"), "its sealed copy here is deleted");
        graceOver.forEach(Runnable::run);
        assertTrue(first.isDestroyed());

        records.forget("volume", 2);
        masterKeys.refresh();
        assertEquals(2, masterKeys.current("volume").version(), "the current version is never dropped");
    }

    @Test
    void aVersionRetiredWhileThisReplicaWasStoppedIsDeletedAtStart() throws SealingException {
        masterKeys.unsealAll();
        masterKeys.provision("volume");
        records.forget("volume", 1);
        MasterKeys restarted = new MasterKeys();
        restarted.provider = provider;
        restarted.records = records;
        restarted.services = List.of("volume", "object");

        restarted.unsealAll();

        assertTrue(restarted.ready(), restarted.status().detail());
        assertEquals(List.of(2), restarted.versions("volume"));
        assertEquals(List.of(2), provider.versions("volume"));
    }

    private void recordQuietly(String service, int version, String fingerprint) {
        try {
            records.record(service, version, fingerprint, "another replica");
        } catch (VersionTakenException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Version 1 of each service is sealed and recorded beforehand, as the operator tool would. */
    private static MasterKeys masterKeys(InMemoryProvider provider, InMemoryRecords records) {
        for (String service : List.of("volume", "object")) {
            int version = provider.provision(service);
            try {
                records.record(service, version, provider.sealed(service, version), "lockbox-admin");
            } catch (VersionTakenException e) {
                throw new IllegalStateException(e);
            }
        }
        MasterKeys keys = new MasterKeys();
        keys.provider = provider;
        keys.records = records;
        keys.services = List.of("volume", "object");
        return keys;
    }

    /** Records in memory. */
    static final class InMemoryRecords implements MasterKeyRecords {

        private final Map<String, TreeMap<Integer, String>> byService = new ConcurrentHashMap<>();
        private final Map<String, Set<Integer>> retired = new ConcurrentHashMap<>();

        @Override
        public Map<Integer, String> recorded(String service) {
            return new TreeMap<>(byService.getOrDefault(service, new TreeMap<>()));
        }

        @Override
        public Set<Integer> retired(String service) {
            return Set.copyOf(retired.getOrDefault(service, Set.of()));
        }

        @Override
        public synchronized void record(String service, int version, String fingerprint, String recordedBy)
                throws VersionTakenException {
            TreeMap<Integer, String> versions = byService.computeIfAbsent(service, s -> new TreeMap<>());
            if (versions.containsKey(version) || retired(service).contains(version)) {
                throw new VersionTakenException(service + " v" + version + " is recorded already", null);
            }
            versions.put(version, fingerprint);
        }

        @Override
        public synchronized void forget(String service, int version) {
            if (byService.getOrDefault(service, new TreeMap<>()).remove(version) != null) {
                retired.computeIfAbsent(service, s -> new TreeSet<>()).add(version);
            }
        }

        @Override
        public void record(String service, int version, SecretKey key, String recordedBy)
                throws VersionTakenException {
            record(service, version, MasterKeyFingerprint.of(service, version, key), recordedBy);
        }
    }

    /** Seals keys in memory; like the software sealer, it provisions nothing on its own. */
    static final class InMemoryProvider implements MasterKeyProvider {

        final Map<String, TreeMap<Integer, SecretKey>> versions = new ConcurrentHashMap<>();
        private final boolean canRetire;
        private int counter;
        boolean failing;
        /** Runs inside provision, after the version number is chosen: another replica acting meanwhile. */
        Runnable meanwhile = () -> { };

        InMemoryProvider(boolean canRetire) {
            this.canRetire = canRetire;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public List<Integer> versions(String service) throws SealingException {
            if (failing) {
                throw new SealingException("the memory provider is failing");
            }
            return new ArrayList<>(versions.getOrDefault(service, new TreeMap<>()).keySet());
        }

        @Override
        public SecretKey unseal(String service, int version) throws SealingException {
            SecretKey key = sealed(service, version);
            if (key == null) {
                throw new SealingException("no version " + version);
            }
            return new WipeableKey(key.getEncoded(), "AES");
        }

        @Override
        public synchronized int provision(String service) {
            TreeMap<Integer, SecretKey> byVersion = versions.computeIfAbsent(service, s -> new TreeMap<>());
            int version = byVersion.isEmpty() ? 1 : byVersion.lastKey() + 1;
            meanwhile.run();
            byte[] key = new byte[32];
            key[0] = (byte) ++counter;
            byVersion.put(version, new SecretKeySpec(key, "AES"));
            return version;
        }

        @Override
        public void retire(String service, int version) throws SealingException {
            if (!canRetire) {
                MasterKeyProvider.super.retire(service, version);
            }
            versions.get(service).remove(version);
        }

        @Override
        public void discard(String service, int version) {
            versions.getOrDefault(service, new TreeMap<>()).remove(version);
        }

        SecretKey sealed(String service, int version) {
            return versions.getOrDefault(service, new TreeMap<>()).get(version);
        }
    }
}
