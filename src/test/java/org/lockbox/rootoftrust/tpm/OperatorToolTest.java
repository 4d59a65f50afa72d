package org.lockbox.rootoftrust.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.primitive.RandomSource;
import org.lockbox.persistence.AdminDatabase;
import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeyFingerprint;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;

/**
 * lockbox-admin against a real software TPM (swtpm) and a real database (embedded Derby, migrated
 * by the schema's migrations): what it seals it records, it records existing versions once on
 * request, and recovery shares go to files, never to standard output.
 */
class OperatorToolTest {

    private static Swtpm swtpm;

    @TempDir
    static Path tpmState;

    @TempDir
    Path temp;

    private AdminDatabase database;
    private MasterKeyRecords records;
    private TpmSealer sealer;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeAll
    static void startTpm() throws Exception {
        swtpm = Swtpm.start(tpmState.resolve("tpm"));
    }

    @AfterAll
    static void stopTpm() throws Exception {
        swtpm.close();
    }

    @BeforeEach
    void setUp() {
        database = new AdminDatabase("jdbc:derby:memory:tool-" + UUID.randomUUID() + ";create=true", "app", "app");
        records = new JdbcMasterKeyRecords(database::open);
        sealer = new TpmSealer(swtpm.settings(temp.resolve("blobs"), SealingPolicy.pcr(List.of(23)), null, 5000),
                RandomSource.strongRandom());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private String run(String command, String... options) throws SealingException {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            parsed.computeIfAbsent(options[i], k -> new ArrayList<>()).add(options[i + 1]);
        }
        stdout.reset();
        new OperatorTool(sealer, records, List.of("volume", "object"), new PrintStream(stdout, true,
                StandardCharsets.UTF_8), null).run(command, parsed);
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private boolean matchesRecord(String service, int version) throws SealingException {
        String recorded = records.recorded(service).get(version);
        return recorded != null && MasterKeyFingerprint.matches(service, version, sealer.unseal(service, version), recorded);
    }

    @Test
    void ensureAndProvisionRecordWhatTheySeal() throws Exception {
        String ensured = run("ensure");
        assertTrue(ensured.contains("volume v1 sealed and recorded"), ensured);
        assertTrue(matchesRecord("volume", 1));
        assertTrue(matchesRecord("object", 1));
        assertEquals("", run("ensure"), "nothing more to seal");

        run("provision", "service", "volume");
        assertEquals(List.of(1, 2), sealer.versions("volume"));
        assertTrue(matchesRecord("volume", 2));
        assertTrue(run("list").contains("volume v2 pcr:23: unseals, matches its record"));
    }

    @Test
    void aVersionThatCannotBeRecordedIsNotLeftSealed() throws Exception {
        run("ensure");
        records.record("volume", 2, "00".repeat(32), "forged");

        SealingException refused = assertThrows(SealingException.class, () -> run("provision", "service", "volume"));
        assertTrue(refused.getMessage().contains("recorded already"), refused.getMessage());
        assertEquals(List.of(1), sealer.versions("volume"), "the new blob was removed again");
    }

    @Test
    void recordExistingRecordsUnrecordedVersionsOnceAndSaysWhich() throws Exception {
        sealer.provision("volume");
        sealer.provision("volume");
        String listed = run("list");
        assertTrue(listed.contains("volume v2 pcr:23: unseals, NOT RECORDED"), listed);

        String recorded = run("record-existing");
        assertTrue(recorded.contains("volume v1 recorded") && recorded.contains("volume v2 recorded"), recorded);
        assertTrue(recorded.contains("2 version(s) recorded"), recorded);
        assertTrue(matchesRecord("volume", 1) && matchesRecord("volume", 2));
        assertTrue(run("record-existing").contains("every sealed version was recorded already"));
    }

    @Test
    void recoverySharesGoToOwnerOnlyFilesAndNeverToStandardOutput() throws Exception {
        run("ensure");
        Path dir = temp.resolve("shares");
        String said = run("recovery-shares", "service", "volume", "version", "1", "threshold", "2", "shares", "3",
                "out-dir", dir.toString());

        assertFalse(said.contains("lockbox-share-1"), "no share on standard output: " + said);
        assertTrue(said.contains("volume.v1.share-3"), said);
        List<String> shares = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path file = dir.resolve("volume.v1.share-" + i);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            shares.add(Files.readString(file).trim());
        }
        assertArrayEquals(sealer.unseal("volume", 1).getEncoded(), RecoveryShares.combine(shares.subList(1, 3)));

        assertThrows(SealingException.class, () -> run("recovery-shares", "service", "volume", "version", "1",
                "threshold", "2", "shares", "3", "out-dir", dir.toString()), "existing share files are kept");
        assertEquals(shares.get(0), Files.readString(dir.resolve("volume.v1.share-1")).trim());
        IllegalArgumentException noDir = assertThrows(IllegalArgumentException.class, () -> run("recovery-shares",
                "service", "volume", "version", "1", "threshold", "2", "shares", "3"));
        assertTrue(noDir.getMessage().contains("--out-dir"), noDir.getMessage());
    }

    @Test
    void noSharesAndNoResealOfABlobThatDoesNotMatchItsRecord() throws Exception {
        run("ensure");
        for (String part : List.of("pub", "priv")) {
            Path volume = sealer.store().file("volume", 1, part);
            Path object = sealer.store().file("object", 1, part);
            Path swap = volume.resolveSibling("swap");
            Files.move(volume, swap);
            Files.move(object, volume);
            Files.move(swap, object);
        }
        SealingException shares = assertThrows(SealingException.class, () -> run("recovery-shares", "service",
                "volume", "version", "1", "threshold", "2", "shares", "3", "out-dir", temp.resolve("s").toString()));
        assertTrue(shares.getMessage().contains("does not match"), shares.getMessage());
        assertTrue(Files.notExists(temp.resolve("s")), "no share of the wrong key was written");
        SealingException reseal = assertThrows(SealingException.class,
                () -> run("reseal", "service", "object", "version", "1"));
        assertTrue(reseal.getMessage().contains("object v1"), reseal.getMessage());
        assertTrue(run("list").contains("volume v1 pcr:23: unseals, DOES NOT MATCH ITS RECORD"));
    }
}
