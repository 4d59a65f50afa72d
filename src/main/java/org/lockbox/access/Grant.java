package org.lockbox.access;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.lockbox.policy.KeyGrant;

/** A grant of a project to a service, or to a delegate acting under a trust from the granting user. */
@Entity
@Table(name = "access_grant")
public class Grant {

    @Id
    private String id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(nullable = false)
    private String service;

    @Column(name = "access_level", nullable = false)
    private String access;

    @Column(name = "secret_id")
    private String secretId;

    private String grantee;

    private String trustor;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "grantor_service")
    private String grantorService;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(name = "expires_at")
    private LocalDateTime expiresAt;

    protected Grant() {
    }

    Grant(String id, String projectId, String service, KeyGrant.Access access, String secretId, String grantee,
          String trustor, String createdBy, String grantorService, LocalDateTime created, LocalDateTime expiresAt) {
        this.id = id;
        this.projectId = projectId;
        this.service = service;
        this.access = access.wireName();
        this.secretId = secretId;
        this.grantee = grantee;
        this.trustor = trustor;
        this.createdBy = createdBy;
        this.grantorService = grantorService;
        this.created = created;
        this.expiresAt = expiresAt;
    }

    /** What the layered checks read. */
    public KeyGrant facts() {
        return new KeyGrant(projectId, service, KeyGrant.Access.fromWire(access), secretId, grantee, trustor,
                grantorService, expiresAt());
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String service() {
        return service;
    }

    public String access() {
        return access;
    }

    public String secretId() {
        return secretId;
    }

    public String grantee() {
        return grantee;
    }

    public String trustor() {
        return trustor;
    }

    public String createdBy() {
        return createdBy;
    }

    /** The service the grant's maker spoke for, or null for a grant recorded before makers' services were. */
    public String grantorService() {
        return grantorService;
    }

    public OffsetDateTime created() {
        return created.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime expiresAt() {
        return expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC);
    }
}
