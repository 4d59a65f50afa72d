package org.lockbox.audit;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One recorded event of the audit trail; written once, never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private long sequence;

    @Column(nullable = false)
    private String id;

    @Column(name = "event_time", nullable = false)
    private LocalDateTime time;

    @Column(name = "request_id")
    private String requestId;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "acting_user_id")
    private String actingUserId;

    private String service;

    @Column(name = "project_id")
    private String projectId;

    @Column(nullable = false)
    private String action;

    @Column(name = "http_method")
    private String method;

    @Column(name = "request_path")
    private String path;

    @Column(name = "key_id")
    private String keyId;

    @Column(nullable = false)
    private String outcome;

    @Column(nullable = false)
    private int status;

    private String reason;

    @Column(name = "previous_hash", nullable = false)
    private String previousHash;

    @Column(nullable = false)
    private String hash;

    /** The project of the key the request was about; {@link #projectId} is the caller's. */
    @Column(name = "key_project_id")
    private String keyProjectId;

    /** The master-key version whose audit key made {@link #hash} an HMAC; null for a plain event from before keying. */
    @Column(name = "key_version")
    private Integer keyVersion;

    protected AuditEvent() {
    }

    AuditEvent(EventFields f, String previousHash, String hash, Integer keyVersion) {
        this.sequence = f.sequence();
        this.id = f.id();
        this.time = f.time();
        this.requestId = f.requestId();
        this.userId = f.userId();
        this.actingUserId = f.actingUserId();
        this.service = f.service();
        this.projectId = f.projectId();
        this.action = f.action();
        this.method = f.method();
        this.path = f.path();
        this.keyId = f.keyId();
        this.outcome = f.outcome();
        this.status = f.status();
        this.reason = f.reason();
        this.previousHash = previousHash;
        this.hash = hash;
        this.keyVersion = keyVersion;
        this.keyProjectId = f.keyProjectId();
    }

    private EventFields fields() {
        return new EventFields(sequence, id, time, requestId, userId, actingUserId, service, projectId, action, method,
                path, keyId, outcome, status, reason, keyProjectId);
    }

    /**
     * The event as an auditor of {@code viewerProject} (a tenant, not service-wide) sees it: a refusal
     * answered 404, so as not to reveal the key, shows as denied without the rule's reason, and without
     * the key's project unless it is the viewer's. A copy for display, never stored.
     */
    public AuditEvent concealedFor(String viewerProject) {
        EventFields shown = fields().concealedFor(viewerProject);
        return Objects.equals(shown.reason(), reason) && Objects.equals(shown.keyProjectId(), keyProjectId) ? this
                : new AuditEvent(shown, previousHash, hash, keyVersion);
    }

    public long sequence() {
        return sequence;
    }

    public String id() {
        return id;
    }

    public OffsetDateTime time() {
        return time.atOffset(ZoneOffset.UTC);
    }

    public String requestId() {
        return requestId;
    }

    public String userId() {
        return userId;
    }

    public String actingUserId() {
        return actingUserId;
    }

    public String service() {
        return service;
    }

    public String projectId() {
        return projectId;
    }

    public String action() {
        return action;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String keyId() {
        return keyId;
    }

    public String outcome() {
        return outcome;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }

    public String keyProjectId() {
        return keyProjectId;
    }

    public Integer keyVersion() {
        return keyVersion;
    }
}
