package org.lockbox.audit;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Everything an audit event says, as stored and hashed. {@code projectId} is the caller's project;
 * {@code keyProjectId} the project of the key the request was about (null when it was about none),
 * so a key's project sees every use of its keys, whoever made it. The constructor bounds every text to its
 * column and replaces control characters, so what is hashed is exactly what the database keeps.
 * Never material, never tokens: callers pass identifiers, names of actions and refusal reasons only.
 */
public record EventFields(long sequence, String id, LocalDateTime time, String requestId, String userId,
                          String actingUserId, String service, String projectId, String action, String method,
                          String path, String keyId, String outcome, int status, String reason,
                          String keyProjectId) {

    public static final String ALLOWED = "allowed";
    public static final String DENIED = "denied";
    public static final String FAILED = "failed";
    /** The intent of a request that may change something, recorded before it runs; its outcome follows. */
    public static final String PENDING = "pending";

    public EventFields {
        time = time.truncatedTo(ChronoUnit.MILLIS);
        requestId = clean(requestId, 64);
        userId = clean(userId, 255);
        actingUserId = clean(actingUserId, 255);
        service = clean(service, 64);
        projectId = clean(projectId, 64);
        action = clean(action, 64);
        method = clean(method, 16);
        path = clean(path, 512);
        keyId = clean(keyId, 255);
        outcome = clean(outcome, 16);
        reason = clean(reason, 1024);
        keyProjectId = clean(keyProjectId, 64);
    }

    /** An event about no key's project in particular. */
    public EventFields(long sequence, String id, LocalDateTime time, String requestId, String userId,
                       String actingUserId, String service, String projectId, String action, String method,
                       String path, String keyId, String outcome, int status, String reason) {
        this(sequence, id, time, requestId, userId, actingUserId, service, projectId, action, method, path, keyId,
                outcome, status, reason, null);
    }

    /** The same fields at another place in the chain. */
    EventFields at(long newSequence) {
        return new EventFields(newSequence, id, time, requestId, userId, actingUserId, service, projectId, action,
                method, path, keyId, outcome, status, reason, keyProjectId);
    }

    /** The same event as a tenant's auditor may see it: a refusal concealed as 404 keeps only that it was denied. */
    EventFields concealedFor(String viewerProject) {
        boolean concealed = DENIED.equals(outcome) && status == 404;
        if (!concealed) {
            return this;
        }
        return new EventFields(sequence, id, time, requestId, userId, actingUserId, service, projectId, action, method,
                path, keyId, outcome, status, null, viewerProject != null && viewerProject.equals(keyProjectId)
                ? keyProjectId : null);
    }

    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        value.codePoints().limit(max).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        String cleaned = out.toString();
        // a database column counts characters; supplementary characters count as two in Java
        return cleaned.length() > max ? cleaned.substring(0, max) : cleaned;
    }
}
