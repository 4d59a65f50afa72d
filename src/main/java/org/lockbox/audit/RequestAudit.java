package org.lockbox.audit;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the audit trail knows about the current request before it is recorded: its request id, the
 * id its event will have (so a deletion can name the event of its own request), and why it was
 * refused when it was.
 */
@RequestScoped
public class RequestAudit {

    /** The form of request ids OpenStack services exchange (oslo.middleware's req-UUID). */
    private static final Pattern REQUEST_ID = Pattern.compile(
            "req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private String requestId;
    private final String eventId = UUID.randomUUID().toString();
    private String refusal;
    private boolean refused;
    private String keyProject;

    /** Adopts a well-formed incoming request id; anything else is replaced by a fresh one. */
    public void begin(String incomingRequestId) {
        String candidate = incomingRequestId == null ? null : incomingRequestId.trim().toLowerCase(java.util.Locale.ROOT);
        requestId = candidate != null && REQUEST_ID.matcher(candidate).matches() ? candidate
                : "req-" + UUID.randomUUID();
    }

    public String requestId() {
        if (requestId == null) {
            begin(null);
        }
        return requestId;
    }

    /** The id the event of this request is recorded under. */
    public String eventId() {
        return eventId;
    }

    /** Records that access was refused, and the rule's reason (never material or tokens). */
    public void refused(String reason) {
        this.refused = true;
        this.refusal = reason;
    }

    /** Records the project of the key the request is about (the first key checked: the path's). */
    public void keyProject(String projectId) {
        if (keyProject == null) {
            keyProject = projectId;
        }
    }

    public String keyProject() {
        return keyProject;
    }

    public boolean wasRefused() {
        return refused;
    }

    public String refusal() {
        return refusal;
    }
}
