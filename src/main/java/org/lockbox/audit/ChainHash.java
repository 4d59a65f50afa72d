package org.lockbox.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The chain's hashes. An event's hash covers a canonical encoding of its fields followed by the
 * previous event's hash; each field is written as name, length in UTF-8 bytes and value (or a null
 * marker), so no two different events share an encoding. Events recorded since the chain was keyed
 * carry an HMAC-SHA-256 under an {@link AuditKeys audit key} ({@link #keyed}); events from before
 * carry a plain SHA-256 ({@link #of}), which anyone can recompute. The first event follows
 * {@link #GENESIS}.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private ChainHash() {
    }

    /** The plain SHA-256 of an event recorded before the chain was keyed. */
    public static String of(EventFields e, String previousHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical("lockbox-audit-v1\n", e, previousHash, null));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is not available", e1);
        }
    }

    /** The HMAC of a keyed event: its fields, the master-key version that keys it, and the previous hash. */
    public static String keyed(EventFields e, String previousHash, int keyVersion, SecretKey key) {
        return hmac(key, canonical("lockbox-audit-v2\n", e, previousHash, keyVersion));
    }

    /**
     * The HMAC that seals where keying began: every event from {@code keyedFrom} on is keyed, and the
     * event before it (the last plain one, or none) has {@code hashBefore}. It stops a database writer
     * from passing keyed events off as older, plain ones.
     */
    public static String boundary(long keyedFrom, String hashBefore, int keyVersion, SecretKey key) {
        StringBuilder out = new StringBuilder(128).append("lockbox-audit-boundary-v2\n");
        field(out, "keyed_from", Long.toString(keyedFrom));
        field(out, "hash_before", hashBefore);
        field(out, "key_version", Integer.toString(keyVersion));
        return hmac(key, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Compares two hashes in constant time. */
    static boolean same(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(SecretKey key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(AuditKeys.ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private static byte[] canonical(String header, EventFields e, String previousHash, Integer keyVersion) {
        StringBuilder canonical = new StringBuilder(512).append(header);
        field(canonical, "sequence", Long.toString(e.sequence()));
        field(canonical, "id", e.id());
        field(canonical, "time", TIME.format(e.time()));
        field(canonical, "request_id", e.requestId());
        field(canonical, "user_id", e.userId());
        field(canonical, "acting_user_id", e.actingUserId());
        field(canonical, "service", e.service());
        field(canonical, "project_id", e.projectId());
        field(canonical, "action", e.action());
        field(canonical, "method", e.method());
        field(canonical, "path", e.path());
        field(canonical, "key_id", e.keyId());
        field(canonical, "outcome", e.outcome());
        field(canonical, "status", Integer.toString(e.status()));
        field(canonical, "reason", e.reason());
        if (keyVersion != null) {
            field(canonical, "key_project_id", e.keyProjectId());
            field(canonical, "key_version", Integer.toString(keyVersion));
        }
        field(canonical, "previous_hash", previousHash);
        return canonical.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(':');
        if (value == null) {
            out.append('-');
        } else {
            out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
        }
        out.append('\n');
    }
}
