package org.lockbox.primitive;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869, Bouncy Castle's generator): derives independent keys for
 * separate purposes (the audit key, master-key fingerprints) from one key.
 */
public final class Hkdf {

    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    /**
     * Extract, then expand to {@code length} bytes. The caller owns the returned array and clears it
     * after use; {@code inputKey} is left as it was. A null or empty salt is RFC 5869's zero salt.
     */
    public static byte[] derive(byte[] salt, byte[] inputKey, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF output length must be 1 to " + 255 * HASH_LENGTH + " bytes");
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(inputKey, salt == null || salt.length == 0 ? null : salt, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
