package org.lockbox.secret;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.lockbox.crypto.MaterialVault;
import org.lockbox.policy.KeyAccess;
import org.lockbox.policy.Scope;

/** A secret: its metadata in clear, its material only wrapped under the project's KEK. */
@Entity
@EntityListeners(SecretListener.class)
@Table(name = "secret")
public class Secret {

    static final String ACTIVE = "ACTIVE";
    static final String PENDING_DELETION = "PENDING_DELETION";

    @Id
    private String id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(nullable = false)
    private String service;

    private String name;

    @Column(name = "secret_type", nullable = false)
    private String secretType;

    private String algorithm;

    @Column(name = "bit_length")
    private Integer bitLength;

    @Column(name = "secret_mode")
    private String mode;

    @Column(nullable = false)
    private String status;

    @Column(name = "creator_id", nullable = false)
    private String creatorId;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    private LocalDateTime expiration;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "kek_version")
    private Integer kekVersion;

    @Column(name = "wrapped_material")
    private byte[] wrappedMaterial;

    @Column(name = "group_id")
    private String groupId;

    @Column(name = "cloned_from")
    private String clonedFrom;

    @Column(nullable = false)
    private String scope = Scope.PROJECT.wireName();

    @Column(name = "entity_id")
    private String entityId;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "dual_lock", nullable = false)
    private boolean dualLock;

    @Column(name = "tenant_kek_version")
    private Integer tenantKekVersion;

    @Column(name = "tenant_share")
    private byte[] tenantShare;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "secret_metadatum", joinColumns = @JoinColumn(name = "secret_id"))
    @MapKeyColumn(name = "meta_key")
    @Column(name = "meta_value")
    private Map<String, String> metadata = new HashMap<>();

    @OneToMany(mappedBy = "secret", fetch = FetchType.LAZY)
    @OrderBy("created, id")
    private List<SecretConsumer> consumers = new ArrayList<>();

    protected Secret() {
    }

    Secret(String id, String projectId, String service, String creatorId, NewSecret spec, LocalDateTime now) {
        this(id, projectId, service, creatorId, null, spec, AccessTerms.BARBICAN, now);
    }

    Secret(String id, String projectId, String service, String creatorId, String domainId, NewSecret spec,
           AccessTerms terms, LocalDateTime now) {
        this.scope = terms.scope().wireName();
        this.entityId = terms.entityId();
        this.domainId = domainId;
        this.dualLock = terms.dualLock();
        this.id = id;
        this.projectId = projectId;
        this.service = service;
        this.creatorId = creatorId;
        this.name = spec.name();
        this.secretType = spec.type().wireName();
        this.algorithm = spec.algorithm();
        this.bitLength = spec.bitLength();
        this.mode = spec.mode();
        this.expiration = spec.expiration() == null ? null
                : spec.expiration().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        this.status = ACTIVE;
        this.created = now;
        this.updated = now;
    }

    /**
     * A new secret with this one's description, in the same project, service and group, with the
     * same scope and dual lock (a snapshot of a volume is used as the volume is), whose
     * material the caller stores next (wrapped anew: a ciphertext is bound to its row).
     */
    Secret cloneAs(String newId, String creator, String newName, LocalDateTime now) {
        Secret clone = new Secret();
        clone.id = newId;
        clone.projectId = projectId;
        clone.service = service;
        clone.creatorId = creator;
        clone.name = newName == null ? name : newName;
        clone.secretType = secretType;
        clone.algorithm = algorithm;
        clone.bitLength = bitLength;
        clone.mode = mode;
        clone.expiration = expiration;
        clone.status = "ACTIVE";
        clone.created = now;
        clone.updated = now;
        clone.groupId = groupId;
        clone.clonedFrom = id;
        clone.scope = scope;
        clone.entityId = entityId;
        clone.domainId = domainId;
        clone.dualLock = dualLock;
        return clone;
    }

    void joinGroup(String groupId, LocalDateTime now) {
        this.groupId = groupId;
        this.updated = now;
    }

    void storeMaterial(String normalisedContentType, MaterialVault.Wrapped wrapped, LocalDateTime now) {
        this.contentType = normalisedContentType;
        this.kekVersion = wrapped.kekVersion();
        this.wrappedMaterial = wrapped.bytes();
        this.updated = now;
    }

    /** A dual-locked key's material: the service's share under the service's KEK, the tenant's under the project's own. */
    void storeShares(String normalisedContentType, MaterialVault.Wrapped serviceShare, MaterialVault.Wrapped tenantShare,
                     LocalDateTime now) {
        storeMaterial(normalisedContentType, serviceShare, now);
        this.tenantKekVersion = tenantShare.kekVersion();
        this.tenantShare = tenantShare.bytes();
    }

    MaterialVault.Wrapped wrappedTenantShare() {
        return tenantShare == null ? null : new MaterialVault.Wrapped(tenantKekVersion, tenantShare);
    }

    /** What the layered access checks need to know of this key. */
    public KeyAccess.Key accessFacts() {
        return new KeyAccess.Key(id, projectId, domainId, service, creatorId, scope(), dualLock);
    }

    public Scope scope() {
        return Scope.fromWire(scope).orElseThrow();
    }

    public String entityId() {
        return entityId;
    }

    public String domainId() {
        return domainId;
    }

    public boolean dualLock() {
        return dualLock;
    }

    void touch(LocalDateTime now) {
        this.updated = now;
    }

    /** Deletion was requested: the secret is hidden from its project until restored or destroyed. */
    boolean pendingDeletion() {
        return PENDING_DELETION.equals(status);
    }

    void markPendingDeletion(LocalDateTime now) {
        this.status = PENDING_DELETION;
        this.updated = now;
    }

    void restore(LocalDateTime now) {
        this.status = ACTIVE;
        this.updated = now;
    }

    /** Overwrites the wrapped material before the row goes, so no copy of it outlives the destruction in this row. */
    void wipeMaterial() {
        if (wrappedMaterial != null) {
            wrappedMaterial = new byte[wrappedMaterial.length];
        }
        if (tenantShare != null) {
            tenantShare = new byte[tenantShare.length];
        }
    }

    public boolean hasPayload() {
        return wrappedMaterial != null;
    }

    MaterialVault.Wrapped wrapped() {
        return new MaterialVault.Wrapped(kekVersion, wrappedMaterial);
    }

    boolean expiredAt(LocalDateTime now) {
        return expiration != null && !expiration.isAfter(now);
    }

    Map<String, String> metadata() {
        return metadata;
    }

    Optional<SecretConsumer> consumer(String service, String resourceType, String resourceId) {
        return consumers.stream().filter(c -> c.is(service, resourceType, resourceId)).findFirst();
    }

    void register(SecretConsumer consumer) {
        consumers.add(consumer);
    }

    void unregister(SecretConsumer consumer) {
        consumers.remove(consumer);
    }

    /** The services registered as users of this secret, oldest first (loaded on first use). */
    public List<SecretConsumer> consumers() {
        return List.copyOf(consumers);
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

    public String name() {
        return name;
    }

    public SecretType type() {
        return SecretType.fromWire(secretType).orElseThrow();
    }

    public String algorithm() {
        return algorithm;
    }

    public Integer bitLength() {
        return bitLength;
    }

    public String mode() {
        return mode;
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

    public OffsetDateTime expiration() {
        return expiration == null ? null : expiration.atOffset(ZoneOffset.UTC);
    }

    /** The key group this secret belongs to, or null. */
    public String groupId() {
        return groupId;
    }

    /** The id of the secret this one was cloned from (which may since have been deleted), or null. */
    public String clonedFrom() {
        return clonedFrom;
    }

    /** The normalised payload content type, or null while the secret has no payload. */
    public String contentType() {
        return contentType;
    }
}
