package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.primitive.RandomSource;

/**
 * Every seal and unseal runs PBKDF2 with a production iteration count, so one directory is
 * provisioned once for the class and each test unseals at most once.
 */
class SoftwareSealerTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    static Path shared;

    private static final List<byte[]> provisionedKeys = new ArrayList<>();

    @BeforeAll
    static void provision() throws SealingException {
        SoftwareSealer sealer = new SoftwareSealer(shared, PASSPHRASE, new RecordingRandom(provisionedKeys));
        assertEquals(1, sealer.provision("swift"));
        assertEquals(2, sealer.provision("swift"));
        assertEquals(1, sealer.provision("cinder"));
    }

    @Test
    void versionsIncreasePerService() throws SealingException {
        SoftwareSealer sealer = new SoftwareSealer(shared, PASSPHRASE, RandomSource.strongRandom());
        assertEquals(List.of(1, 2), sealer.versions("swift"));
        assertEquals(List.of(1), sealer.versions("cinder"));
        assertEquals(List.of(), sealer.versions("nova"));
        assertEquals(List.of(), sealer.versions("swif"));
        assertTrue(Files.exists(shared.resolve("swift.v2.sealed")));
    }

    @Test
    void provisionedKeysAreDistinct() {
        assertEquals(3, provisionedKeys.size());
        assertFalse(Arrays.equals(provisionedKeys.get(0), provisionedKeys.get(1)));
        assertFalse(Arrays.equals(provisionedKeys.get(1), provisionedKeys.get(2)));
    }

    @Test
    void anotherInstanceUnsealsTheSameKey() throws SealingException {
        SoftwareSealer fresh = new SoftwareSealer(shared, "correct horse battery staple".toCharArray(),
                RandomSource.strongRandom());
        SecretKey key = fresh.unseal("swift", 2);
        assertEquals("AES", key.getAlgorithm());
        assertArrayEquals(provisionedKeys.get(1), key.getEncoded());
    }

    @Test
    void sealedFileDoesNotContainTheKey() throws IOException {
        String text = Files.readString(shared.resolve("swift.v1.sealed"), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(provisionedKeys.get(0))));
        Properties sealed = load(shared.resolve("swift.v1.sealed"));
        assertEquals(SoftwareSealer.FORMAT, sealed.getProperty("format"));
        assertEquals("swift", sealed.getProperty("service"));
        assertEquals("1", sealed.getProperty("version"));
        assertEquals("PBKDF2WithHmacSHA256", sealed.getProperty("kdf"));
        assertTrue(Integer.parseInt(sealed.getProperty("iterations")) >= 310_000);
    }

    @Test
    void sealedFilesAreReadableByTheOwnerOnly() throws IOException {
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(shared.resolve("swift.v1.sealed")));
    }

    @Test
    void wrongPassphraseIsRefused() {
        SoftwareSealer wrong = new SoftwareSealer(shared, "incorrect horse".toCharArray(),
                RandomSource.strongRandom());
        SealingException e = assertThrows(SealingException.class, () -> wrong.unseal("swift", 1));
        assertTrue(e.getMessage().contains("wrong passphrase or the file was altered"), e.getMessage());
    }

    @Test
    void alteredCiphertextIsRefused(@TempDir Path dir) throws Exception {
        Path file = copy("swift.v1.sealed", dir, "swift.v1.sealed");
        Properties sealed = load(file);
        byte[] ciphertext = Base64.getDecoder().decode(sealed.getProperty("ciphertext"));
        ciphertext[5] ^= 0x01;
        sealed.setProperty("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        store(file, sealed);

        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        assertThrows(SealingException.class, () -> sealer.unseal("swift", 1));
    }

    @Test
    void loweredIterationCountIsRefused(@TempDir Path dir) throws Exception {
        Path file = copy("swift.v1.sealed", dir, "swift.v1.sealed");
        Properties sealed = load(file);
        sealed.setProperty("iterations", "1000");
        store(file, sealed);

        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        assertThrows(SealingException.class, () -> sealer.unseal("swift", 1));
    }

    @Test
    void corruptFieldsAreRefused(@TempDir Path dir) throws Exception {
        Path file = copy("swift.v1.sealed", dir, "swift.v1.sealed");
        Properties sealed = load(file);
        sealed.setProperty("salt", "not base64 !");
        store(file, sealed);

        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        SealingException e = assertThrows(SealingException.class, () -> sealer.unseal("swift", 1));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void fileRenamedToAnotherServiceIsRefused(@TempDir Path dir) throws Exception {
        copy("swift.v1.sealed", dir, "cinder.v1.sealed");
        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        assertEquals(List.of(1), sealer.versions("cinder"));
        SealingException e = assertThrows(SealingException.class, () -> sealer.unseal("cinder", 1));
        assertTrue(e.getMessage().contains("is not a " + SoftwareSealer.FORMAT), e.getMessage());
    }

    @Test
    void fileRenamedToAnotherVersionIsRefused(@TempDir Path dir) throws Exception {
        copy("swift.v1.sealed", dir, "swift.v3.sealed");
        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        assertEquals(List.of(3), sealer.versions("swift"));
        assertThrows(SealingException.class, () -> sealer.unseal("swift", 3));
    }

    @Test
    void headerRewrittenToAnotherServiceIsRefused(@TempDir Path dir) throws Exception {
        Path file = copy("swift.v1.sealed", dir, "cinder.v1.sealed");
        Properties sealed = load(file);
        sealed.setProperty("service", "cinder");
        store(file, sealed);

        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        SealingException e = assertThrows(SealingException.class, () -> sealer.unseal("cinder", 1));
        assertTrue(e.getMessage().contains("wrong passphrase or the file was altered"), e.getMessage());
    }

    @Test
    void missingDirectoryListsNoVersions(@TempDir Path dir) throws SealingException {
        SoftwareSealer sealer = new SoftwareSealer(dir.resolve("absent"), PASSPHRASE, RandomSource.strongRandom());
        assertEquals(List.of(), sealer.versions("swift"));
        assertThrows(SealingException.class, () -> sealer.unseal("swift", 1));
    }

    @Test
    void unrelatedFilesAreIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("swift.v1.sealed.bak"), "x");
        Files.writeString(dir.resolve("swift.vx.sealed"), "x");
        Files.writeString(dir.resolve(".sealing123.tmp"), "x");
        Files.createDirectories(dir.resolve("swift.v7.sealed.d"));
        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        assertEquals(List.of(), sealer.versions("swift"));
    }

    @Test
    void passphraseIsCopied() throws SealingException {
        char[] passphrase = "correct horse battery staple".toCharArray();
        SoftwareSealer sealer = new SoftwareSealer(shared, passphrase, RandomSource.strongRandom());
        Arrays.fill(passphrase, '\0');
        assertArrayEquals(provisionedKeys.get(2), sealer.unseal("cinder", 1).getEncoded());
    }

    private static Path copy(String name, Path dir, String as) throws IOException {
        return Files.copy(shared.resolve(name), dir.resolve(as));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static void store(Path file, Properties properties) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
    }

    /** A real random source that keeps a copy of every 32-byte output: the keys being sealed. */
    private static final class RecordingRandom extends SecureRandom {
        private final SecureRandom delegate = RandomSource.strongRandom();
        private final List<byte[]> keys;

        RecordingRandom(List<byte[]> keys) {
            this.keys = keys;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            delegate.nextBytes(bytes);
            if (bytes.length == 32) {
                keys.add(bytes.clone());
            }
        }
    }
}
