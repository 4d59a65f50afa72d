package org.lockbox.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.lockbox.primitive.Hkdf;

/**
 * The keys of the audit chain's HMACs: one per version of the {@value #MASTER_KEY_SERVICE} service's
 * master key, derived from it with HKDF-SHA-256 and used for nothing else. New events are keyed under
 * the current version; each event records its version, so events keyed before a master-key rotation
 * still verify afterwards, as long as that version is held. A database writer without the master key
 * cannot compute these keys, so cannot write a chain that verifies.
 */
public class AuditKeys {

    /** The service whose master key the audit keys are derived from. */
    public static final String MASTER_KEY_SERVICE = "default";
    static final String ALGORITHM = "HmacSHA256";
    private static final byte[] SALT = "lockbox audit chain".getBytes(StandardCharsets.UTF_8);

    private final IntSupplier currentVersion;
    private final IntFunction<SecretKey> masterKey;
    private final Map<Integer, SecretKey> derived = new ConcurrentHashMap<>();

    /**
     * @param currentVersion the master key's current version
     * @param masterKey      a version of the master key; throws when that version is not available
     */
    public AuditKeys(IntSupplier currentVersion, IntFunction<SecretKey> masterKey) {
        this.currentVersion = currentVersion;
        this.masterKey = masterKey;
    }

    /** The master-key version new events are keyed under. */
    public int currentVersion() {
        return currentVersion.getAsInt();
    }

    /** The HMAC key of one master-key version. */
    public SecretKey key(int version) {
        return derived.computeIfAbsent(version, v -> derive(masterKey.apply(v), v));
    }

    static SecretKey derive(SecretKey master, int version) {
        byte[] material = master.getEncoded();
        byte[] info = ("lockbox-audit-chain-hmac-sha256|" + MASTER_KEY_SERVICE + "|v" + version)
                .getBytes(StandardCharsets.UTF_8);
        byte[] key = Hkdf.derive(SALT, material, info, 32);
        try {
            return new SecretKeySpec(key, ALGORITHM);
        } finally {
            Arrays.fill(material, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "AuditKeys[" + MASTER_KEY_SERVICE + "]";
    }
}
