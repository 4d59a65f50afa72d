package org.lockbox.secret;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A requested deletion: who asked, when, the audit event that recorded it, and when the secret may be destroyed. */
@Entity
@Table(name = "secret_deletion")
public class SecretDeletion {

    @Id
    @Column(name = "secret_id")
    private String secretId;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(name = "requested_at", nullable = false)
    private LocalDateTime requestedAt;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "destroy_after", nullable = false)
    private LocalDateTime destroyAfter;

    @Column(name = "request_event_id", nullable = false)
    private String requestEventId;

    protected SecretDeletion() {
    }

    SecretDeletion(Secret secret, String requestedBy, LocalDateTime requestedAt, LocalDateTime destroyAfter,
                   String requestEventId) {
        this.secretId = secret.id();
        this.projectId = secret.projectId();
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.destroyAfter = destroyAfter;
        this.requestEventId = requestEventId;
    }

    String secretId() {
        return secretId;
    }

    String projectId() {
        return projectId;
    }

    LocalDateTime requestedAt() {
        return requestedAt;
    }

    String requestedBy() {
        return requestedBy;
    }

    LocalDateTime destroyAfter() {
        return destroyAfter;
    }

    String requestEventId() {
        return requestEventId;
    }
}
