package org.lockbox.rootoftrust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.lockbox.primitive.Hkdf;

/**
 * The keyed fingerprint recorded for each master-key version: HMAC-SHA256, under a key derived
 * with HKDF-SHA256 from the master key itself, over the service and version. Only the real key
 * reproduces it: a blob holding any other key, or the right key under another service's or
 * version's name, gives a different value, and the fingerprint reveals nothing about the key.
 */
public final class MasterKeyFingerprint {

    private static final String PURPOSE = "lockbox master-key record fingerprint v1";
    private static final byte[] SALT = "lockbox-master-key-record".getBytes(StandardCharsets.US_ASCII);

    private MasterKeyFingerprint() {
    }

    /** 64 hex digits; never the key, never reversible to it. */
    public static String of(String service, int version, SecretKey key) {
        byte[] material = key.getEncoded();
        byte[] derived = null;
        try {
            byte[] context = (PURPOSE + "\0" + service + "\0" + version).getBytes(StandardCharsets.UTF_8);
            derived = Hkdf.derive(SALT, material, context, 32);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derived, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        } finally {
            Arrays.fill(material, (byte) 0);
            if (derived != null) {
                Arrays.fill(derived, (byte) 0);
            }
        }
    }

    /** Compares in constant time. */
    public static boolean matches(String service, int version, SecretKey key, String recorded) {
        return MessageDigest.isEqual(of(service, version, key).getBytes(StandardCharsets.US_ASCII),
                recorded.getBytes(StandardCharsets.US_ASCII));
    }
}
