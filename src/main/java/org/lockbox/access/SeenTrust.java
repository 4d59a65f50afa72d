package org.lockbox.access;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Keystone trust that Lockbox has seen a valid token act under, and when it was last used. */
@Entity
@Table(name = "seen_trust")
public class SeenTrust {

    @Id
    private String id;

    @Column(name = "trustor_user_id", nullable = false)
    private String trustorUserId;

    @Column(name = "trustee_user_id", nullable = false)
    private String trusteeUserId;

    @Column(name = "project_id")
    private String projectId;

    @Column(nullable = false)
    private boolean impersonation;

    @Column(name = "expires_at")
    private LocalDateTime expiresAt;

    @Column(name = "first_seen", nullable = false)
    private LocalDateTime firstSeen;

    @Column(name = "last_used", nullable = false)
    private LocalDateTime lastUsed;

    protected SeenTrust() {
    }

    SeenTrust(String id, String trustorUserId, String trusteeUserId, String projectId, boolean impersonation,
              LocalDateTime expiresAt, LocalDateTime now) {
        this.id = id;
        this.trustorUserId = trustorUserId;
        this.trusteeUserId = trusteeUserId;
        this.projectId = projectId;
        this.impersonation = impersonation;
        this.expiresAt = expiresAt;
        this.firstSeen = now;
        this.lastUsed = now;
    }

    void used(LocalDateTime now, LocalDateTime expiry) {
        this.lastUsed = now;
        this.expiresAt = expiry;
    }

    public String id() {
        return id;
    }

    public String trustorUserId() {
        return trustorUserId;
    }

    public String trusteeUserId() {
        return trusteeUserId;
    }

    public String projectId() {
        return projectId;
    }

    public boolean impersonation() {
        return impersonation;
    }

    public OffsetDateTime expiresAt() {
        return expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime lastUsed() {
        return lastUsed.atOffset(ZoneOffset.UTC);
    }
}
