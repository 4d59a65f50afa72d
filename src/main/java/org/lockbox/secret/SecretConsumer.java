package org.lockbox.secret;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A resource of another service that uses a secret (Barbican's secret consumer, API 1.1). */
@Entity
@Table(name = "secret_consumer")
public class SecretConsumer {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "secret_id", nullable = false)
    private Secret secret;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(nullable = false)
    private String service;

    @Column(name = "resource_type", nullable = false)
    private String resourceType;

    @Column(name = "resource_id", nullable = false)
    private String resourceId;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    protected SecretConsumer() {
    }

    SecretConsumer(String id, Secret secret, String service, String resourceType, String resourceId,
                   LocalDateTime now) {
        this.id = id;
        this.secret = secret;
        this.projectId = secret.projectId();
        this.service = service;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.status = "ACTIVE";
        this.created = now;
        this.updated = now;
    }

    void touch(LocalDateTime now) {
        this.updated = now;
    }

    boolean is(String service, String resourceType, String resourceId) {
        return this.service.equals(service) && this.resourceType.equals(resourceType)
                && this.resourceId.equals(resourceId);
    }

    public String service() {
        return service;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    public String status() {
        return status;
    }

    public OffsetDateTime created() {
        return created.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime updated() {
        return updated.atOffset(ZoneOffset.UTC);
    }
}
