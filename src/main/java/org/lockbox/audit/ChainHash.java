package org.lockbox.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The chain's hash: SHA-256 over a canonical encoding of an event's fields followed by the previous
 * event's hash. Each field is written as name, length in UTF-8 bytes and value (or a null marker),
 * so no two different events share an encoding. The first event follows {@link #GENESIS}.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private ChainHash() {
    }

    public static String of(EventFields e, String previousHash) {
        StringBuilder canonical = new StringBuilder(512).append("lockbox-audit-v1\n");
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
        field(canonical, "previous_hash", previousHash);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is not available", e1);
        }
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
