package org.lockbox.secret;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named set of keys of one project that belong together: a volume's key, its snapshots' and its clones'. */
@Entity
@Table(name = "key_group")
public class KeyGroup {

    @Id
    private String id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    private String name;

    @Column(name = "creator_id", nullable = false)
    private String creatorId;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    protected KeyGroup() {
    }

    KeyGroup(String id, String projectId, String name, String creatorId, LocalDateTime now) {
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.creatorId = creatorId;
        this.created = now;
        this.updated = now;
    }

    void touch(LocalDateTime now) {
        this.updated = now;
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String name() {
        return name;
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
