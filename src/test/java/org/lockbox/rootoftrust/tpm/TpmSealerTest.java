package org.lockbox.rootoftrust.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.rootoftrust.SealingException;

/** The TPM sealer against a real software TPM (swtpm): seal, unseal, policies, failures, recovery. */
class TpmSealerTest {

    private static final SealingPolicy PCR23 = SealingPolicy.pcr(List.of(23));
    private static Swtpm swtpm;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startTpm() throws Exception {
        swtpm = Swtpm.start(temp.resolve("tpm-a"));
    }

    @AfterAll
    static void stopTpm() throws Exception {
        swtpm.close();
    }

    private TpmSealer sealer(String blobs) {
        return new TpmSealer(swtpm.settings(temp.resolve(blobs), PCR23, null, 5000), new SecureRandom());
    }

    @Test
    void sealsAMasterKeyThatAnotherJvmUnseals() throws Exception {
        TpmSealer sealer = sealer("fresh-jvm");
        assertEquals(1, sealer.provision("volume"));
        assertEquals(2, sealer.provision("volume"));
        assertEquals(List.of(1, 2), sealer.versions("volume"));
        assertThrows(SealingException.class, () -> sealer.retire("volume", 2), "the newest version stays");
        byte[] key = sealer.unseal("volume", 2).getEncoded();
        assertEquals(32, key.length);
        assertFalse(java.util.Arrays.equals(key, sealer.unseal("volume", 1).getEncoded()));

        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UnsealInFreshJvm.class.getName(),
                Integer.toString(swtpm.port()), PCR23.toString(), temp.resolve("fresh-jvm").toString(), "volume", "2")
                .redirectErrorStream(true).start();
        String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(other.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, other.exitValue(), output);
        assertEquals(HexFormat.of().formatHex(TpmClient.sha256(key)), output.lines().reduce((a, b) -> b).orElse(""));

        sealer.retire("volume", 1);
        assertEquals(List.of(2), sealer.versions("volume"));
        assertFalse(Files.exists(sealer.store().file("volume", 1, "priv")), "a retired version's blobs are gone");
    }

    @Test
    void refusesToUnsealOnceThePlatformStateChanges() throws Exception {
        TpmSealer sealer = sealer("pcr-change");
        sealer.provision("image");
        sealer.unseal("image", 1);
        try (TpmClient tpm = TpmClient.connect(sealer.settings())) {
            tpm.extendPcr(23, "unexpected boot component".getBytes(StandardCharsets.US_ASCII));
        }
        SealingException refused = assertThrows(SealingException.class, () -> sealer.unseal("image", 1));
        assertTrue(refused.getMessage().contains("platform state"), refused.getMessage());
    }

    @Test
    void resealsToTheStateAPlannedUpdateWillLeave() throws Exception {
        TpmSealer sealer = sealer("reseal");
        sealer.provision("object");
        byte[] key = sealer.unseal("object", 1).getEncoded();
        byte[] measurement = "new bootloader".getBytes(StandardCharsets.US_ASCII);
        byte[] expected;
        try (TpmClient tpm = TpmClient.connect(sealer.settings())) {
            expected = expectedDigestAfterExtend(tpm, measurement);
        }
        sealer.reseal("object", 1, PCR23, expected);
        assertThrows(SealingException.class, () -> sealer.unseal("object", 1), "not before the update");
        try (TpmClient tpm = TpmClient.connect(sealer.settings())) {
            tpm.extendPcr(23, measurement);
        }
        assertArrayEquals(key, sealer.unseal("object", 1).getEncoded(), "the same key after the update");
    }

    @Test
    void sealsToAnAuthorizationValueInstead() throws Exception {
        TpmSealer right = new TpmSealer(swtpm.settings(temp.resolve("auth"), SealingPolicy.auth(), "s3cret", 5000),
                new SecureRandom());
        right.provision("compute");
        assertEquals(32, right.unseal("compute", 1).getEncoded().length);
        TpmSealer wrong = new TpmSealer(swtpm.settings(temp.resolve("auth"), SealingPolicy.auth(), "guess", 5000),
                new SecureRandom());
        SealingException refused = assertThrows(SealingException.class, () -> wrong.unseal("compute", 1));
        assertTrue(refused.getMessage().contains("authorization value is wrong"), refused.getMessage());
    }

    @Test
    void refusesACorruptOrMissingBlob() throws Exception {
        TpmSealer sealer = sealer("corrupt");
        sealer.provision("default");
        Path priv = sealer.store().file("default", 1, "priv");
        byte[] bytes = Files.readAllBytes(priv);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(priv, bytes);
        SealingException corrupt = assertThrows(SealingException.class, () -> sealer.unseal("default", 1));
        assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());

        Files.delete(sealer.store().file("default", 1, "pub"));
        SealingException missing = assertThrows(SealingException.class, () -> sealer.unseal("default", 1));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    @Test
    void turnsAHungTpmIntoATimeout() throws Exception {
        TpmSealer sealer = new TpmSealer(swtpm.settings(temp.resolve("hung"), PCR23, null, 1500), new SecureRandom());
        sealer.provision("volume");
        swtpm.pause();
        try {
            Instant start = Instant.now();
            SealingException timedOut = assertThrows(SealingException.class, () -> sealer.unseal("volume", 1));
            assertTrue(timedOut.getMessage().contains("did not answer within 1500 ms"), timedOut.getMessage());
            assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10, "gave up instead of hanging");
        } finally {
            swtpm.resume();
        }
        assertEquals(32, sealer.unseal("volume", 1).getEncoded().length, "works again once the TPM answers");
    }

    @Test
    void restoresAMasterKeyFromRecoverySharesOntoANewTpm() throws Exception {
        TpmSealer original = sealer("recovery-a");
        original.provision("volume");
        byte[] key = original.exportForRecovery("volume", 1);
        List<String> shares = RecoveryShares.split("volume", 1, key, 3, 5, new SecureRandom());
        assertEquals(5, shares.size());

        try (Swtpm replacement = Swtpm.start(temp.resolve("tpm-b"))) {
            Path blobs = temp.resolve("recovery-b");
            Files.createDirectories(blobs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String suffix : List.of("pub", "priv", "descriptor")) {
                Files.copy(original.store().file("volume", 1, suffix), blobs.resolve("volume.v1." + suffix));
            }
            TpmSealer onNewTpm = new TpmSealer(replacement.settings(blobs, PCR23, null, 5000), new SecureRandom());
            SealingException foreign = assertThrows(SealingException.class, () -> onNewTpm.unseal("volume", 1));
            assertTrue(foreign.getMessage().contains("another TPM") || foreign.getMessage().contains("corrupt"),
                    "the old TPM's blob is useless on the new one: " + foreign.getMessage());

            assertThrows(IllegalArgumentException.class, () -> RecoveryShares.combine(shares.subList(0, 2)));
            onNewTpm.install("volume", 1, RecoveryShares.combine(List.of(shares.get(0), shares.get(2), shares.get(4))));
            assertArrayEquals(key, onNewTpm.unseal("volume", 1).getEncoded());
        }
    }

    @Test
    void writesBlobsThatTpm2ToolsLoadsAndUnseals() throws Exception {
        TpmSealer sealer = sealer("tpm2-tools");
        sealer.provision("default");
        byte[] key = sealer.unseal("default", 1).getEncoded();
        Path work = temp.resolve("tpm2-tools-work");
        Files.createDirectories(work);
        Map<String, String> env = Map.of("TPM2TOOLS_TCTI", swtpm.tcti());
        run(work, env, "tpm2_createprimary", "-C", "o", "-g", "sha256", "-G", "ecc256:aes128cfb",
                "-a", "restricted|decrypt|fixedtpm|fixedparent|sensitivedataorigin|userwithauth|noda",
                "-c", "primary.ctx");
        run(work, env, "tpm2_flushcontext", "-t");
        run(work, env, "tpm2_load", "-C", "primary.ctx", "-u", sealer.store().file("default", 1, "pub").toString(),
                "-r", sealer.store().file("default", 1, "priv").toString(), "-c", "sealed.ctx");
        run(work, env, "tpm2_flushcontext", "-t");
        run(work, env, "tpm2_unseal", "-c", "sealed.ctx", "-p", "pcr:sha256:23", "-o", "key.bin");
        run(work, env, "tpm2_flushcontext", "-t");
        assertArrayEquals(key, Files.readAllBytes(work.resolve("key.bin")));
    }

    /** PCR 23's digest once the measurement is extended into it: sha256(sha256(old || sha256(m))). */
    private static byte[] expectedDigestAfterExtend(TpmClient tpm, byte[] measurement) throws Exception {
        byte[] extended = TpmClient.sha256(concat(tpm.pcrValue(23), TpmClient.sha256(measurement)));
        return TpmClient.sha256(extended);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("tpm2-tools is not installed: apt-get install tpm2-tools", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
