package org.lockbox.rootoftrust.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lockbox.config.ConfigLookup;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.TpmSettings;

/**
 * What {@code LOCKBOX_PROFILE=production} refuses: every unsafe setting found in configuration,
 * each by name, so that the server fails closed and says all of them at once. The development
 * profile refuses nothing; an unknown profile is refused rather than read as development.
 */
public final class ProductionSafety {

    public static final String PROFILE = "lockbox.profile";
    public static final String PROVIDER = "lockbox.master-key.provider";
    static final String DEV_ISSUER_ENABLED = "lockbox.dev-issuer.enabled";
    static final String TPM_POLICY = "lockbox.tpm.policy";
    static final String TPM_AUTH = "lockbox.tpm.auth";
    static final String DB_PASSWORD = "db.password";
    static final String KEYSTORE_PASSWORD = "lockbox.keystore.password";
    static final String KEYSTONE_URL = "lockbox.keystone.url";
    static final String HTTP_PORT = "lockbox.http.port";

    /** The development defaults of server.xml (variables db.password and lockbox.keystore.password). */
    static final String DEFAULT_DB_PASSWORD = "lockbox";
    static final String DEFAULT_KEYSTORE_PASSWORD = "lockbox-development-keystore";

    private static final int FIRST_RESETTABLE_PCR = 16;

    private ProductionSafety() {
    }

    /**
     * The unsafe settings, in a fixed order; empty outside production. {@code settings} looks a
     * setting up by its MicroProfile Config name and answers empty when it is unset or blank; the
     * packaged defaults (microprofile-config.properties) fill in where it has none.
     */
    public static List<UnsafeSetting> evaluate(Function<String, Optional<String>> settings) {
        ConfigLookup config = ConfigLookup.over(settings);
        String profile = value(config, PROFILE).orElseThrow().toLowerCase(Locale.ROOT);
        if (profile.equals("development")) {
            return List.of();
        }
        if (!profile.equals("production")) {
            return List.of(new UnsafeSetting("profile", "LOCKBOX_PROFILE is neither development nor production",
                    "set LOCKBOX_PROFILE=production (or development)"));
        }
        List<UnsafeSetting> unsafe = new ArrayList<>();
        if (value(config, DEV_ISSUER_ENABLED).map(Boolean::parseBoolean).orElseThrow()) {
            unsafe.add(new UnsafeSetting("dev-issuer", "the development token issuer is enabled",
                    "set LOCKBOX_DEV_ISSUER_ENABLED=false and validate tokens with Keystone"));
        }
        String provider = value(config, PROVIDER).orElseThrow();
        if (provider.equals("software")) {
            unsafe.add(new UnsafeSetting("software-sealer",
                    "the software sealer is for development only: no TPM protects the master keys",
                    "set LOCKBOX_MASTER_KEY_PROVIDER=tpm-device"));
        }
        if (provider.equals("tpm-tcp")) {
            unsafe.add(new UnsafeSetting("simulator-tpm",
                    "a TPM reached over TCP (tpm-tcp) is a simulator such as swtpm",
                    "set LOCKBOX_MASTER_KEY_PROVIDER=tpm-device"));
        }
        if (provider.startsWith("tpm-")) {
            checkSealingPolicy(config, provider, unsafe);
        }
        if (value(config, DB_PASSWORD).map(DEFAULT_DB_PASSWORD::equals).orElse(true)) {
            unsafe.add(new UnsafeSetting("default-db-password", "the database password is the default one",
                    "set DB_PASSWORD"));
        }
        if (value(config, KEYSTORE_PASSWORD).map(DEFAULT_KEYSTORE_PASSWORD::equals).orElse(true)) {
            unsafe.add(new UnsafeSetting("default-keystore-password", "the keystore password is the default one",
                    "set LOCKBOX_KEYSTORE_PASSWORD (Liberty creates a keystore with it when none exists)"));
        }
        if (value(config, KEYSTONE_URL).map(url -> url.toLowerCase(Locale.ROOT).startsWith("http://"))
                .orElse(false)) {
            unsafe.add(new UnsafeSetting("keystone-http",
                    "Keystone is reached over plain http://, so tokens and Lockbox's own password cross the network in clear",
                    "set LOCKBOX_KEYSTONE_URL to an https:// address"));
        }
        if (!value(config, HTTP_PORT).map(String::trim).map("-1"::equals).orElse(false)) {
            unsafe.add(new UnsafeSetting("http-port-open", "the plain HTTP port is open",
                    "set LOCKBOX_HTTP_PORT=-1 and serve over HTTPS only (LOCKBOX_HTTPS_PORT)"));
        }
        return List.copyOf(unsafe);
    }

    private static void checkSealingPolicy(Function<String, Optional<String>> config, String provider,
                                           List<UnsafeSetting> unsafe) {
        String text = value(config, TPM_POLICY).orElse(TpmSettings.defaultPolicy(provider));
        SealingPolicy policy;
        try {
            policy = SealingPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            return; // the TPM provider itself refuses a malformed policy and fails closed
        }
        List<Integer> resettable = policy.pcrs().stream().filter(pcr -> pcr >= FIRST_RESETTABLE_PCR).toList();
        if (!resettable.isEmpty()) {
            unsafe.add(new UnsafeSetting("resettable-pcr", "the sealing policy " + policy + " includes resettable PCR "
                    + resettable.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + " (16 to 23 can be reset or extended by software without a reboot)",
                    "seal to PCRs 0 to 15 such as pcr:7 (LOCKBOX_TPM_POLICY)"));
        }
        if (policy.kind() == SealingPolicy.Kind.AUTH && value(config, TPM_AUTH).isEmpty()) {
            unsafe.add(new UnsafeSetting("empty-tpm-auth", "the sealing policy is auth with an empty value",
                    "set LOCKBOX_TPM_AUTH, or seal to PCRs (LOCKBOX_TPM_POLICY)"));
        }
    }

    /** The one line that says why nothing is served; names only, never a value. */
    public static String refusal(List<UnsafeSetting> unsafe) {
        return "the production profile refuses " + unsafe.size() + " unsafe setting"
                + (unsafe.size() == 1 ? "" : "s") + ": "
                + unsafe.stream().map(UnsafeSetting::toString).collect(Collectors.joining("; "));
    }

    private static Optional<String> value(Function<String, Optional<String>> config, String name) {
        return config.apply(name).map(String::trim).filter(v -> !v.isEmpty());
    }
}
