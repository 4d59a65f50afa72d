package org.lockbox.rootoftrust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Development-only sealer: each master key is encrypted with AES-256-GCM under a key derived
 * (PBKDF2-HMAC-SHA256) from a passphrase, one file per service and version. Nothing binds the
 * keys to the platform: anyone with the files and the passphrase has every key.
 */
public final class SoftwareSealer implements MasterKeyProvider {

    static final String FORMAT = "lockbox-software-sealed-v1";
    private static final int ITERATIONS = 310_000;

    private final Path directory;
    private final char[] passphrase;
    private final SecureRandom random;

    public SoftwareSealer(Path directory, char[] passphrase, SecureRandom random) {
        this.directory = directory;
        this.passphrase = passphrase.clone();
        this.random = random;
    }

    @Override
    public String name() {
        return "software";
    }

    @Override
    public List<Integer> versions(String service) throws SealingException {
        return SealedVersions.in(directory, service, "sealed");
    }

    @Override
    public SecretKey unseal(String service, int version) throws SealingException {
        Path file = file(service, version);
        Properties sealed = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            sealed.load(in);
        } catch (IOException e) {
            throw new SealingException("Cannot read sealed master key " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(sealed.getProperty("format"))
                || !service.equals(sealed.getProperty("service"))
                || !Integer.toString(version).equals(sealed.getProperty("version"))) {
            throw new SealingException("Sealed master key " + file + " is not a " + FORMAT
                    + " file for service " + service + " version " + version);
        }
        byte[] key = null;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(sealed.getProperty("salt", ""));
            byte[] nonce = b64.decode(sealed.getProperty("nonce", ""));
            byte[] ciphertext = b64.decode(sealed.getProperty("ciphertext", ""));
            int iterations = Integer.parseInt(sealed.getProperty("iterations", "0"));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(salt, iterations), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(service, version));
            key = cipher.doFinal(ciphertext);
            return new WipeableKey(key, "AES");
        } catch (AEADBadTagException e) {
            throw new SealingException("Cannot unseal " + file + ": wrong passphrase or the file was altered");
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SealingException("Cannot unseal " + file + ": the file is corrupt (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    @Override
    public int provision(String service) throws SealingException {
        List<Integer> existing = versions(service);
        int version = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
        byte[] key = new byte[32];
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        random.nextBytes(key);
        random.nextBytes(salt);
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(salt, ITERATIONS), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(service, version));
            byte[] ciphertext = cipher.doFinal(key);
            Properties sealed = new Properties();
            Base64.Encoder b64 = Base64.getEncoder();
            sealed.setProperty("format", FORMAT);
            sealed.setProperty("service", service);
            sealed.setProperty("version", Integer.toString(version));
            sealed.setProperty("kdf", "PBKDF2WithHmacSHA256");
            sealed.setProperty("iterations", Integer.toString(ITERATIONS));
            sealed.setProperty("salt", b64.encodeToString(salt));
            sealed.setProperty("nonce", b64.encodeToString(nonce));
            sealed.setProperty("ciphertext", b64.encodeToString(ciphertext));
            write(file(service, version), sealed);
            return version;
        } catch (GeneralSecurityException e) {
            throw new SealingException("Cannot seal a master key for " + service + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Deletes the file of a retired version; the newest is kept, so that its number is never sealed again. */
    @Override
    public void retire(String service, int version) throws SealingException {
        List<Integer> versions = versions(service);
        Path file = file(service, version);
        if (!versions.contains(version)) {
            throw new SealingException("There is no sealed master key " + file);
        }
        if (version == versions.get(versions.size() - 1)) {
            throw new SealingException("Version " + version + " is the newest sealed master key of service "
                    + service + " and cannot be retired");
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new SealingException("Cannot delete retired master key " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discard(String service, int version) throws SealingException {
        try {
            Files.deleteIfExists(file(service, version));
        } catch (IOException e) {
            throw new SealingException("Cannot delete master key " + file(service, version) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe(String service, int version) {
        return file(service, version).toString();
    }

    Path file(String service, int version) {
        return directory.resolve(service + ".v" + version + ".sealed");
    }

    private void write(Path file, Properties sealed) throws SealingException {
        SealedVersions.createOwnerOnly(directory);
        try {
            Path temp = Files.createTempFile(directory, ".sealing", ".tmp");
            try {
                trySetOwnerOnly(temp);
                try (OutputStream out = Files.newOutputStream(temp)) {
                    sealed.store(out, "Lockbox master key sealed in software (development only)");
                }
                publish(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new SealingException("Sealed master key " + file + " already exists: another version was"
                    + " provisioned at the same time; try again", e);
        } catch (IOException e) {
            throw new SealingException("Cannot write sealed master key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the complete file its final name, never replacing an existing one (a concurrent
     * provisioning of the same version number must not overwrite a key already in use).
     */
    private static void publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (UnsupportedOperationException noHardLinks) {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void trySetOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: the directory's own permissions apply.
        }
    }

    private SecretKey derive(byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            try {
                return new SecretKeySpec(derived, "AES");
            } finally {
                Arrays.fill(derived, (byte) 0);
            }
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] associatedData(String service, int version) {
        return (FORMAT + "|" + service + "|" + version).getBytes(StandardCharsets.UTF_8);
    }
}
