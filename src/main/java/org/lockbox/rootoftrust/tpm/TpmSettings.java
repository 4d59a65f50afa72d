package org.lockbox.rootoftrust.tpm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to reach the TPM and how to seal: read from MicroProfile Config in the server and from
 * the same names (as environment variables) in the operator tool.
 */
public record TpmSettings(Mode mode, String host, int port, String devicePath, int timeoutMillis,
                          SealingPolicy policy, byte[] authValue, Path blobDir) {

    /** How the TPM is reached. */
    public enum Mode {
        DEVICE("tpm-device"), TCP("tpm-tcp");

        private final String configName;

        Mode(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    public TpmSettings {
        authValue = authValue == null ? new byte[0] : authValue.clone();
    }

    /**
     * Reads the settings through a lookup of configuration names (lockbox.tpm.host, ...);
     * {@code provider} is tpm-device or tpm-tcp.
     */
    public static TpmSettings from(String provider, Function<String, Optional<String>> config) {
        Mode mode = provider.equals(Mode.TCP.configName()) ? Mode.TCP
                : provider.equals(Mode.DEVICE.configName()) ? Mode.DEVICE : null;
        if (mode == null) {
            throw new IllegalArgumentException("Not a TPM provider: " + provider);
        }
        String defaultPolicy = mode == Mode.DEVICE ? "pcr:7" : "pcr:23";
        Path blobDir = config.apply("lockbox.tpm.blob-dir")
                .or(() -> config.apply("lockbox.data.dir").map(d -> d + "/tpm"))
                .map(Path::of)
                .orElseThrow(() -> new IllegalArgumentException("Set lockbox.tpm.blob-dir (LOCKBOX_TPM_BLOB_DIR)"));
        return new TpmSettings(mode,
                config.apply("lockbox.tpm.host").orElse("127.0.0.1"),
                Integer.parseInt(config.apply("lockbox.tpm.port").orElse("2321")),
                config.apply("lockbox.tpm.device").orElse("/dev/tpmrm0"),
                Integer.parseInt(config.apply("lockbox.tpm.timeout-ms").orElse("5000")),
                SealingPolicy.parse(config.apply("lockbox.tpm.policy").orElse(defaultPolicy)),
                config.apply("lockbox.tpm.auth").map(a -> a.getBytes(StandardCharsets.UTF_8)).orElse(null),
                blobDir);
    }

    /** The same names as environment variables (lockbox.tpm.host is LOCKBOX_TPM_HOST), then system properties. */
    public static Function<String, Optional<String>> environment() {
        return name -> Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(name.toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "_"))))
                .filter(v -> !v.isBlank());
    }

    public String describe() {
        return mode == Mode.TCP ? "TPM at " + host + ":" + port : "TPM device " + devicePath;
    }

    @Override
    public String toString() {
        return "TpmSettings[" + describe() + ", policy " + policy + ", blobs in " + blobDir + "]";
    }
}
