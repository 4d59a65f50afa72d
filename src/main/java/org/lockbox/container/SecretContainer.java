package org.lockbox.container;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A named group of secrets, such as an RSA key pair (Barbican's container). */
@Entity
@Table(name = "secret_container")
public class SecretContainer {

    @Id
    private String id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    private String name;

    @Column(name = "container_type", nullable = false)
    private String type;

    @Column(nullable = false)
    private String status;

    @Column(name = "creator_id", nullable = false)
    private String creatorId;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "container_secret", joinColumns = @JoinColumn(name = "container_id"))
    @OrderBy("name, secretId")
    private List<SecretRef> secrets = new ArrayList<>();

    @OneToMany(mappedBy = "container", fetch = FetchType.EAGER)
    @OrderBy("created, id")
    private List<ContainerConsumer> consumers = new ArrayList<>();

    protected SecretContainer() {
    }

    public SecretContainer(String id, String projectId, String name, String type, String creatorId,
                           List<SecretRef> secrets, LocalDateTime now) {
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.type = type;
        this.status = "ACTIVE";
        this.creatorId = creatorId;
        this.created = now;
        this.updated = now;
        this.secrets = new ArrayList<>(secrets);
    }

    boolean contains(String secretId, String name) {
        return secrets.stream().anyMatch(r -> r.is(secretId, name));
    }

    void add(SecretRef ref, LocalDateTime now) {
        secrets.add(ref);
        this.updated = now;
    }

    boolean remove(String secretId, String name, LocalDateTime now) {
        boolean removed = secrets.removeIf(r -> r.is(secretId, name));
        if (removed) {
            this.updated = now;
        }
        return removed;
    }

    Optional<ContainerConsumer> consumer(String name, String url) {
        return consumers.stream().filter(c -> c.is(name, url)).findFirst();
    }

    void register(ContainerConsumer consumer) {
        consumers.add(consumer);
    }

    void unregister(ContainerConsumer consumer) {
        consumers.remove(consumer);
    }

    /** A member secret and its role in the container (e.g. private_key). */
    @Embeddable
    public static class SecretRef {
        @Column(name = "name")
        private String name;

        @Column(name = "secret_id", nullable = false)
        private String secretId;

        protected SecretRef() {
        }

        public SecretRef(String name, String secretId) {
            this.name = name;
            this.secretId = secretId;
        }

        public String name() {
            return name;
        }

        public String secretId() {
            return secretId;
        }

        boolean is(String secretId, String name) {
            return this.secretId.equals(secretId) && Objects.equals(this.name, name);
        }
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

    public String type() {
        return type;
    }

    public String status() {
        return status;
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

    public List<SecretRef> secrets() {
        return List.copyOf(secrets);
    }

    /** The registered consumers, oldest first. */
    public List<ContainerConsumer> consumers() {
        return List.copyOf(consumers);
    }
}
