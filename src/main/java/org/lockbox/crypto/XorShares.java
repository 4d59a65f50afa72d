package org.lockbox.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Two-of-two secret sharing by XOR, for dual-locked keys: the first share is uniformly random and
 * the second is the material XOR the first, so either share alone is uniformly distributed
 * whatever the material and says nothing about it; both together give it back.
 */
public record XorShares(byte[] first, byte[] second) {

    public static XorShares split(byte[] material, SecureRandom random) {
        byte[] first = new byte[material.length];
        random.nextBytes(first);
        byte[] second = new byte[material.length];
        for (int i = 0; i < material.length; i++) {
            second[i] = (byte) (material[i] ^ first[i]);
        }
        return new XorShares(first, second);
    }

    /** The material back; both shares must have the same length (a mismatch means tampering). */
    public static byte[] combine(byte[] first, byte[] second) {
        if (first.length != second.length) {
            throw UnwrapFailedException.integrity("dual-lock shares");
        }
        byte[] material = new byte[first.length];
        for (int i = 0; i < first.length; i++) {
            material[i] = (byte) (first[i] ^ second[i]);
        }
        return material;
    }

    /** Clears both shares from memory. */
    public void clear() {
        Arrays.fill(first, (byte) 0);
        Arrays.fill(second, (byte) 0);
    }

    @Override
    public String toString() {
        return "XorShares[" + first.length + " bytes]";
    }
}
