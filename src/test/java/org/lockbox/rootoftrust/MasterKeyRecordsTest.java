package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.primitive.RandomSource;
import org.lockbox.persistence.AdminDatabase;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.Swtpm;
import org.lockbox.rootoftrust.tpm.TpmSealer;

/**
 * Startup refuses master-key blobs that were planted, swapped or never recorded, and loose blob
 * directories: with the software sealer and with a real software TPM (swtpm), the records in a
 * real (embedded Derby) database migrated by the schema's own migrations.
 */
class MasterKeyRecordsTest {

    private static final char[] PASSPHRASE = "records test passphrase".toCharArray();
    /** Held, so that the logger and the handler on it are not collected. */
    private static final Logger MASTER_KEYS_LOG = Logger.getLogger(MasterKeys.class.getName());
    private static Swtpm swtpm;

    @TempDir
    static Path tpmState;

    @TempDir
    Path temp;

    private AdminDatabase database;
    private MasterKeyRecords records;
    private final List<String> severe = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            severe.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startTpm() throws Exception {
        swtpm = Swtpm.start(tpmState.resolve("tpm"));
    }

    @AfterAll
    static void stopTpm() throws Exception {
        swtpm.close();
    }

    @BeforeEach
    void openDatabase() {
        database = new AdminDatabase("jdbc:derby:memory:records-" + UUID.randomUUID() + ";create=true", "app", "app");
        records = new JdbcMasterKeyRecords(database::open);
        MASTER_KEYS_LOG.addHandler(capture);
    }

    @AfterEach
    void closeDatabase() {
        MASTER_KEYS_LOG.removeHandler(capture);
        database.close();
    }

    private MasterKeys masterKeys(MasterKeyProvider provider, String... services) {
        MasterKeys keys = new MasterKeys();
        keys.provider = provider;
        keys.records = records;
        keys.services = List.of(services);
        keys.unsealAll();
        return keys;
    }

    private SoftwareSealer software(Path dir) {
        return new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
    }

    private TpmSealer tpm(Path blobs) {
        return new TpmSealer(swtpm.settings(blobs, SealingPolicy.pcr(List.of(23)), null, 5000),
                RandomSource.strongRandom());
    }

    private void assertRefused(MasterKeys keys, String... named) {
        assertFalse(keys.ready());
        String detail = keys.status().detail();
        for (String part : named) {
            assertTrue(detail.contains(part), "'" + part + "' in: " + detail);
        }
        assertThrows(MasterKeysUnavailableException.class, () -> keys.current("volume"));
        assertTrue(severe.stream().anyMatch(m -> m.contains("LOCKBOX WILL NOT SERVE KEYS") && m.contains(named[0])),
                severe.toString());
    }

    // --- the fingerprint ---

    @Test
    void theFingerprintIsReproducedOnlyByTheSameKeyServiceAndVersion() {
        byte[] bytes = new byte[32];
        bytes[5] = 7;
        SecretKey key = new SecretKeySpec(bytes, "AES");
        byte[] otherBytes = bytes.clone();
        otherBytes[31] = 1;
        String fingerprint = MasterKeyFingerprint.of("volume", 1, key);

        assertEquals(fingerprint, MasterKeyFingerprint.of("volume", 1, new SecretKeySpec(bytes.clone(), "AES")));
        assertTrue(MasterKeyFingerprint.matches("volume", 1, key, fingerprint));
        assertFalse(MasterKeyFingerprint.matches("volume", 1, new SecretKeySpec(otherBytes, "AES"), fingerprint));
        assertNotEquals(fingerprint, MasterKeyFingerprint.of("object", 1, key));
        assertNotEquals(fingerprint, MasterKeyFingerprint.of("volume", 2, key));
        assertEquals(64, fingerprint.length());
        assertFalse(fingerprint.contains(HexFormat.of().formatHex(bytes, 0, 8)), "no key bytes in it");
    }

    // --- software sealer ---

    @Test
    void softwareFirstStartProvisionsAndRecordsAndARestartAcceptsIt() throws Exception {
        Path dir = temp.resolve("sealed");
        MasterKeys first = masterKeys(software(dir), "volume", "object");
        assertTrue(first.ready(), first.status().detail());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
                "the directory is created owner-only");
        assertTrue(MasterKeyFingerprint.matches("volume", 1, first.current("volume").key(),
                records.recorded("volume").get(1)));

        MasterKeys restarted = masterKeys(software(dir), "volume", "object");
        assertTrue(restarted.ready(), restarted.status().detail());
        assertArrayEquals(first.current("object").key().getEncoded(), restarted.current("object").key().getEncoded(),
                "the same key unsealed again");
    }

    @Test
    void softwarePlantedHigherVersionIsRefused() throws Exception {
        Path dir = temp.resolve("sealed");
        assertTrue(masterKeys(software(dir), "volume").ready());
        assertEquals(2, software(dir).provision("volume"), "planted beside the real one, unrecorded");

        MasterKeys restarted = masterKeys(software(dir), "volume");
        assertRefused(restarted, "volume v2", "volume.v2.sealed", "not recorded");
    }

    @Test
    void softwareSwappedBlobIsRefused() throws Exception {
        Path dir = temp.resolve("sealed");
        assertTrue(masterKeys(software(dir), "volume").ready());
        Path elsewhere = temp.resolve("elsewhere");
        software(elsewhere).provision("volume");
        Files.copy(elsewhere.resolve("volume.v1.sealed"), dir.resolve("volume.v1.sealed"),
                StandardCopyOption.REPLACE_EXISTING);
        assertTrue(software(dir).unseal("volume", 1) != null, "the swapped blob unseals: only its record tells");

        assertRefused(masterKeys(software(dir), "volume"), "volume v1", "does not match");
    }

    @Test
    void softwareUnrecordedVersionIsRefusedEvenBelowTheCurrentOne() throws Exception {
        Path dir = temp.resolve("sealed");
        MasterKeys keys = masterKeys(software(dir), "volume");
        keys.provision("volume");
        deleteRecord("volume", 1);

        assertRefused(masterKeys(software(dir), "volume"), "volume v1", "not recorded");
    }

    @Test
    void softwareRecordedVersionWhoseBlobIsGoneIsRefused() throws Exception {
        Path dir = temp.resolve("sealed");
        masterKeys(software(dir), "volume").provision("volume");
        Files.delete(dir.resolve("volume.v2.sealed"));

        assertRefused(masterKeys(software(dir), "volume"), "volume v2", "missing");
    }

    @Test
    void softwareBlobsSealedBeforeRecordsExistedAreRecordedOnTheFirstStart() throws Exception {
        Path dir = temp.resolve("sealed");
        SoftwareSealer before = software(dir);
        before.provision("volume");
        before.provision("volume");
        assertTrue(records.recorded("volume").isEmpty());

        MasterKeys upgraded = masterKeys(software(dir), "volume");
        assertTrue(upgraded.ready(), upgraded.status().detail());
        assertEquals(List.of(1, 2), List.copyOf(records.recorded("volume").keySet()));

        software(dir).provision("volume");
        assertRefused(masterKeys(software(dir), "volume"), "volume v3", "not recorded");
    }

    @Test
    void aDirectoryOthersMayEnterIsRefused() throws Exception {
        Path dir = temp.resolve("sealed");
        assertTrue(masterKeys(software(dir), "volume").ready());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));

        assertRefused(masterKeys(software(dir), "volume"), dir.toString(), "rwxr-x---", "0700");
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
        Path dir = temp.resolve("sealed");
        assertTrue(masterKeys(software(dir), "volume").ready());
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir, nobody);

        assertRefused(masterKeys(software(dir), "volume"), dir.toString(), "owned by 'nobody'");
    }

    // --- TPM (swtpm) ---

    @Test
    void tpmPlantedHigherVersionIsRefused() throws Exception {
        Path blobs = temp.resolve("blobs");
        TpmSealer sealer = tpm(blobs);
        sealer.provision("volume");
        records.record("volume", 1, sealer.unseal("volume", 1), "test");
        assertTrue(masterKeys(tpm(blobs), "volume").ready());
        assertEquals(2, sealer.provision("volume"), "sealed on the same TPM, by someone who can reach it");

        assertRefused(masterKeys(tpm(blobs), "volume"), "volume v2", "volume.v2.pub", "not recorded");
    }

    @Test
    void tpmBlobsSwappedBetweenServicesAreRefused() throws Exception {
        Path blobs = temp.resolve("blobs");
        TpmSealer sealer = tpm(blobs);
        for (String service : List.of("volume", "object")) {
            sealer.provision(service);
            records.record(service, 1, sealer.unseal(service, 1), "test");
        }
        assertTrue(masterKeys(tpm(blobs), "volume", "object").ready());
        for (String part : List.of("pub", "priv")) {
            Path volume = blobs.resolve("volume.v1." + part);
            Path object = blobs.resolve("object.v1." + part);
            Path swap = blobs.resolve("swap");
            Files.move(volume, swap);
            Files.move(object, volume);
            Files.move(swap, object);
        }
        assertTrue(tpm(blobs).unseal("volume", 1) != null, "the swapped blob unseals: only its record tells");

        assertRefused(masterKeys(tpm(blobs), "volume", "object"), "volume v1", "does not match");
    }

    @Test
    void tpmUnrecordedBlobIsRefused() throws Exception {
        Path blobs = temp.resolve("blobs");
        tpm(blobs).provision("volume");

        assertRefused(masterKeys(tpm(blobs), "volume"), "volume v1", "not recorded", "record-existing");
        assertTrue(records.recorded("volume").isEmpty(), "a TPM blob is never recorded on trust");
    }

    @Test
    void tpmBlobDirectoryOthersMayEnterIsRefused() throws Exception {
        Path blobs = temp.resolve("blobs");
        TpmSealer sealer = tpm(blobs);
        sealer.provision("volume");
        records.record("volume", 1, sealer.unseal("volume", 1), "test");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(blobs)));
        Files.setPosixFilePermissions(blobs, PosixFilePermissions.fromString("rwx---r-x"));

        assertRefused(masterKeys(tpm(blobs), "volume"), blobs.toString(), "rwx---r-x");
    }

    private void deleteRecord(String service, int version) throws SQLException, IOException {
        try (Connection db = database.open();
             PreparedStatement delete = db.prepareStatement(
                     "DELETE FROM master_key_record WHERE service = ? AND version = ?")) {
            delete.setString(1, service);
            delete.setInt(2, version);
            assertEquals(1, delete.executeUpdate());
        }
    }
}
