package org.lockbox.acl;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.lockbox.policy.AccessTarget;

/**
 * The explicit read ACL of one secret or container: the users who may read it whatever their
 * roles or project, and whether the project's roles still grant access (false makes it private).
 */
@Entity
@EntityListeners(ReadAclListener.class)
@Table(name = "read_acl")
@IdClass(ReadAcl.Key.class)
public class ReadAcl {

    /** The composite key: what kind of resource, and which. */
    public record Key(String resourceKind, String resourceId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "resource_kind")
    private String resourceKind;

    @Id
    @Column(name = "resource_id")
    private String resourceId;

    @Column(name = "project_access", nullable = false)
    private boolean projectAccess;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "read_acl_user", joinColumns = {
            @JoinColumn(name = "resource_kind", referencedColumnName = "resource_kind"),
            @JoinColumn(name = "resource_id", referencedColumnName = "resource_id")})
    @Column(name = "user_id")
    private Set<String> users = new TreeSet<>();

    protected ReadAcl() {
    }

    /** The primary key of a resource's ACL row, for a lookup by the resource's own service. */
    public static Key key(AclTarget target, String resourceId) {
        return new Key(target.column(), resourceId);
    }

    /** What the policy decides on: the resource with this ACL, or with the default one when there is none. */
    public static AccessTarget target(ReadAcl acl, String kind, String projectId, String creatorId) {
        return acl == null ? AccessTarget.withDefaultAcl(kind, projectId, creatorId)
                : new AccessTarget(kind, projectId, creatorId, acl.projectAccess, acl.users);
    }

    ReadAcl(AclTarget target, String resourceId, boolean projectAccess, Collection<String> users, LocalDateTime now) {
        this.resourceKind = target.column();
        this.resourceId = resourceId;
        this.projectAccess = projectAccess;
        this.users.addAll(users);
        this.created = now;
        this.updated = now;
    }

    /** The same ACL for another secret (a clone of this one). */
    public ReadAcl copyFor(String secretId, LocalDateTime now) {
        return new ReadAcl(AclTarget.SECRET, secretId, projectAccess, users, now);
    }

    void change(Boolean projectAccess, Collection<String> users, LocalDateTime now) {
        if (projectAccess != null) {
            this.projectAccess = projectAccess;
        }
        if (users != null) {
            this.users.clear();
            this.users.addAll(users);
        }
        this.updated = now;
    }

    String resourceKind() {
        return resourceKind;
    }

    String resourceId() {
        return resourceId;
    }

    public boolean projectAccess() {
        return projectAccess;
    }

    /** The users on the list, sorted. */
    public Set<String> users() {
        return Set.copyOf(users);
    }

    public OffsetDateTime created() {
        return created.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime updated() {
        return updated.atOffset(ZoneOffset.UTC);
    }
}
