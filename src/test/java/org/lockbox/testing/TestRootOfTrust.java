package org.lockbox.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.lockbox.config.ConfigLookup;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.SoftwareSealer;
import org.lockbox.rootoftrust.tpm.TpmConfig;
import org.lockbox.rootoftrust.tpm.TpmSealer;
import org.lockbox.rootoftrust.tpm.TpmSettings;

/**
 * The master-key provider the server under test runs with (LOCKBOX_MASTER_KEY_PROVIDER: the
 * software sealer by default, or swtpm through tpm-tcp), and a way to make its default key
 * impossible to unseal and to repair it again.
 */
public final class TestRootOfTrust {

    private TestRootOfTrust() {
    }

    public static String provider() {
        return settings().apply("lockbox.master-key.provider").orElseThrow();
    }

    /**
     * The server's settings as the test environment gives them (LOCKBOX_TPM_HOST, ...), with the
     * server's data directory and the packaged defaults where it gives none.
     */
    public static ConfigLookup settings() {
        return ConfigLookup.over(name -> Optional.ofNullable(System.getenv(ConfigLookup.environmentName(name)))
                .or(() -> name.equals("lockbox.data.dir") ? Optional.of(Tokens.dataDir().toString())
                        : Optional.empty()));
    }

    /** The file whose presence means a version of a service's master key is sealed. */
    public static Path sealedFile(String service, int version) {
        if (provider().equals("software")) {
            return Tokens.dataDir().resolve("sealed/" + service + ".v" + version + ".sealed");
        }
        Path dir = Path.of(settings().apply("lockbox.tpm.blob-dir").orElseThrow());
        return dir.resolve(service + ".v" + version + ".descriptor");
    }

    /** Undoes a sabotage. */
    public interface Repair {
        void run() throws IOException, InterruptedException;
    }

    /** What the readiness check says once the sabotage has taken effect. */
    public static String expectedReason() {
        return provider().equals("software") ? "default.v1.sealed" : "platform state";
    }

    /**
     * Software sealer: one character of the sealed file changes. TPM: PCR 23, which the keys are
     * sealed to, is extended as an unexpected boot component would; repairing resets it.
     */
    public static Repair sabotage() throws IOException, InterruptedException {
        if (provider().equals("software")) {
            Path sealed = Tokens.dataDir().resolve("sealed/default.v1.sealed");
            byte[] original = Files.readAllBytes(sealed);
            String text = new String(original, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("ciphertext=") + "ciphertext=".length() + 4;
            char replacement = text.charAt(at) == 'A' ? 'B' : 'A';
            Files.writeString(sealed, text.substring(0, at) + replacement + text.substring(at + 1),
                    StandardCharsets.ISO_8859_1);
            return () -> Files.write(sealed, original);
        }
        tpm2("tpm2_pcrextend", "23:sha256=" + "ab".repeat(32));
        return () -> tpm2("tpm2_pcrreset", "23");
    }

    /**
     * Seals a higher version of a service's master key straight into the server's blob directory,
     * as someone who can write there (and reach the TPM) would, without recording it; repairing
     * deletes it. Returns the planted version through {@link Planted#version()}.
     */
    public static Planted plantHigherVersion(String service) throws SealingException {
        SecureRandom random = new SecureRandom();
        if (provider().equals("software")) {
            String passphrase = settings().apply("lockbox.sealer.passphrase").orElseThrow();
            Path dir = Tokens.dataDir().resolve("sealed");
            int version = new SoftwareSealer(dir, passphrase.toCharArray(), random).provision(service);
            return new Planted(version, () -> Files.delete(dir.resolve(service + ".v" + version + ".sealed")));
        }
        TpmSealer sealer = new TpmSealer(TpmSettings.from(provider(), settings().bind(TpmConfig.class)), random);
        int version = sealer.provision(service);
        return new Planted(version, () -> {
            try {
                sealer.store().delete(service, version);
            } catch (SealingException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /** A planted version and how to remove it. */
    public record Planted(int version, Repair repair) {
    }

    private static void tpm2(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TPM2TOOLS_TCTI", "swtpm:host=127.0.0.1,port="
                + System.getenv().getOrDefault("LOCKBOX_TPM_PORT", "2321"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
