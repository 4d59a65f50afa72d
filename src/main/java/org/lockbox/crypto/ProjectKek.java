package org.lockbox.crypto;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One version of a project's key-encryption key for one service, stored wrapped under a master key. */
@Entity
@Table(name = "project_kek")
@IdClass(ProjectKek.Key.class)
public class ProjectKek {

    /** The version new material is wrapped under; one per (service, project). */
    public static final String ACTIVE = "ACTIVE";
    /** Superseded by a rotation; still unwraps what refers to it, which is being rewrapped. */
    public static final String RETIRING = "RETIRING";
    /** Superseded and no longer referenced; kept (and rewrapped by master-key rotations) so that it still unwraps. */
    public static final String RETIRED = "RETIRED";

    @Id
    private String service;

    @Id
    @Column(name = "project_id")
    private String projectId;

    @Id
    @Column(name = "kek_version")
    private int version;

    @Column(name = "master_key_version", nullable = false)
    private int masterKeyVersion;

    @Column(name = "wrapped_key", nullable = false)
    private byte[] wrappedKey;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private LocalDateTime created;

    protected ProjectKek() {
    }

    ProjectKek(String service, String projectId, int version, int masterKeyVersion, byte[] wrappedKey,
               LocalDateTime created) {
        this.service = service;
        this.projectId = projectId;
        this.version = version;
        this.masterKeyVersion = masterKeyVersion;
        this.wrappedKey = wrappedKey;
        this.status = ACTIVE;
        this.created = created;
    }

    public String service() {
        return service;
    }

    public String projectId() {
        return projectId;
    }

    public int version() {
        return version;
    }

    public int masterKeyVersion() {
        return masterKeyVersion;
    }

    public String status() {
        return status;
    }

    public LocalDateTime created() {
        return created;
    }

    byte[] wrappedKey() {
        return wrappedKey;
    }

    /** Composite primary key. */
    public static class Key implements Serializable {
        private String service;
        private String projectId;
        private int version;

        public Key() {
        }

        public Key(String service, String projectId, int version) {
            this.service = service;
            this.projectId = projectId;
            this.version = version;
        }

        String service() {
            return service;
        }

        String projectId() {
            return projectId;
        }

        int version() {
            return version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && version == k.version && Objects.equals(service, k.service)
                    && Objects.equals(projectId, k.projectId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(service, projectId, version);
        }
    }
}
