package org.lockbox.rootoftrust.tpm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How to reach the TPM and how to seal, from {@link TpmConfig}: filled by MicroProfile Config in
 * the server and from the same names (as environment variables) in the operator tool.
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

    /** The settings of a TPM provider ({@code provider} is tpm-device or tpm-tcp) as configured. */
    public static TpmSettings from(String provider, TpmConfig config) {
        Mode mode = provider.equals(Mode.TCP.configName()) ? Mode.TCP
                : provider.equals(Mode.DEVICE.configName()) ? Mode.DEVICE : null;
        if (mode == null) {
            throw new IllegalArgumentException("Not a TPM provider: " + provider);
        }
        Path blobDir = config.blobDir.map(Path::of)
                .orElseThrow(() -> new IllegalArgumentException("Set lockbox.tpm.blob-dir (LOCKBOX_TPM_BLOB_DIR)"));
        return new TpmSettings(mode, config.host, config.port, config.device, config.timeoutMillis,
                SealingPolicy.parse(config.policy.orElse(defaultPolicy(provider))),
                config.auth.map(a -> a.getBytes(StandardCharsets.UTF_8)).orElse(null), blobDir);
    }

    /** The sealing policy while lockbox.tpm.policy is unset: pcr:7 on a device, pcr:23 over TCP. */
    public static String defaultPolicy(String provider) {
        return Mode.TCP.configName().equals(provider) ? "pcr:23" : "pcr:7";
    }

    public String describe() {
        return mode == Mode.TCP ? "TPM at " + host + ":" + port : "TPM device " + devicePath;
    }

    @Override
    public String toString() {
        return "TpmSettings[" + describe() + ", policy " + policy + ", blobs in " + blobDir + "]";
    }
}
