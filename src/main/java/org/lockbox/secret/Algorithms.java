package org.lockbox.secret;

import java.util.Locale;
import java.util.Set;

/** The algorithms a stored secret may declare, and the bit lengths Lockbox generates for each. */
public final class Algorithms {

    private static final Set<String> KNOWN = Set.of("aes", "des", "3des", "desede", "hmacsha1", "hmacsha256",
            "hmacsha384", "hmacsha512", "rsa", "dsa", "ec", "ecdsa", "ed25519", "x25519");
    private static final Set<Integer> AES_BITS = Set.of(128, 192, 256);
    private static final Set<Integer> RSA_BITS = Set.of(2048, 3072, 4096);
    public static final int MAX_DECLARED_BITS = 16_384;

    private Algorithms() {
    }

    public static boolean known(String algorithm) {
        return KNOWN.contains(algorithm.toLowerCase(Locale.ROOT));
    }

    /** Null when Lockbox generates this symmetric key, otherwise why it does not. */
    public static String whyNotGeneratable(String algorithm, Integer bits, String mode) {
        String alg = algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT);
        if (bits == null) {
            return "'bit_length' is required";
        }
        if (alg.equals("aes")) {
            boolean xts = mode != null && mode.equalsIgnoreCase("xts");
            if (xts ? (bits == 256 || bits == 512) : AES_BITS.contains(bits)) {
                return null;
            }
            return "AES keys are 128, 192 or 256 bits (256 or 512 for mode xts), not " + bits;
        }
        if (alg.startsWith("hmacsha") && known(alg)) {
            return bits >= 128 && bits <= 1024 && bits % 8 == 0 ? null
                    : "HMAC keys are 128 to 1024 bits in whole bytes, not " + bits;
        }
        return "Unsupported key algorithm '" + algorithm + "'; supported: aes, hmacsha1, hmacsha256, hmacsha384, hmacsha512";
    }

    /** Null when Lockbox generates this key pair, otherwise why it does not. */
    public static String whyNotGeneratablePair(String algorithm, Integer bits) {
        if (algorithm == null || !algorithm.equalsIgnoreCase("rsa")) {
            return "Unsupported asymmetric algorithm '" + algorithm + "'; supported: rsa";
        }
        if (bits == null || !RSA_BITS.contains(bits)) {
            return "RSA keys are 2048, 3072 or 4096 bits, not " + bits;
        }
        return null;
    }
}
