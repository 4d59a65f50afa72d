package org.lockbox.order;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A request for server-side generation and its outcome: a secret, or a container for a key pair. */
@Entity
@Table(name = "key_order")
public class KeyOrder {

    @Id
    private String id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(name = "order_type", nullable = false)
    private String type;

    @Column(nullable = false)
    private String status;

    /** The order's meta exactly as accepted, echoed back by GET (it never holds material). */
    @Column(nullable = false)
    private String meta;

    @Column(name = "secret_id")
    private String secretId;

    @Column(name = "container_id")
    private String containerId;

    @Column(name = "creator_id", nullable = false)
    private String creatorId;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    protected KeyOrder() {
    }

    KeyOrder(String id, String projectId, String type, String meta, String creatorId, String secretId,
             String containerId, LocalDateTime now) {
        this.id = id;
        this.projectId = projectId;
        this.type = type;
        this.meta = meta;
        this.creatorId = creatorId;
        this.secretId = secretId;
        this.containerId = containerId;
        this.status = "ACTIVE";
        this.created = now;
        this.updated = now;
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String type() {
        return type;
    }

    public String status() {
        return status;
    }

    public String meta() {
        return meta;
    }

    public String secretId() {
        return secretId;
    }

    public String containerId() {
        return containerId;
    }

    public String creatorId() {
        return creatorId;
    }

    public OffsetDateTime created() {
        return created.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime updated() {
        return updated.atOffset(ZoneOffset.UTC);
    }
}
