package org.lockbox.store;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** The secret store a project prefers for its new secrets. */
@Entity
@Table(name = "project_secret_store")
public class ProjectSecretStore {

    @Id
    @Column(name = "project_id")
    private String projectId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "secret_store_id", nullable = false)
    private SecretStore store;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    protected ProjectSecretStore() {
    }

    ProjectSecretStore(String projectId, SecretStore store, LocalDateTime now) {
        this.projectId = projectId;
        this.store = store;
        this.created = now;
        this.updated = now;
    }

    void prefer(SecretStore store, LocalDateTime now) {
        this.store = store;
        this.updated = now;
    }

    public SecretStore store() {
        return store;
    }
}
