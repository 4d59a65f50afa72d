package org.lockbox.container;

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

/** A service registered as a user of a container, named and located by a URL (Barbican's container consumer). */
@Entity
@Table(name = "container_consumer")
public class ContainerConsumer {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "container_id", nullable = false)
    private SecretContainer container;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    protected ContainerConsumer() {
    }

    ContainerConsumer(String id, SecretContainer container, String name, String url, LocalDateTime now) {
        this.id = id;
        this.container = container;
        this.projectId = container.projectId();
        this.name = name;
        this.url = url;
        this.status = "ACTIVE";
        this.created = now;
        this.updated = now;
    }

    void touch(LocalDateTime now) {
        this.updated = now;
    }

    boolean is(String name, String url) {
        return this.name.equals(name) && this.url.equals(url);
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
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
