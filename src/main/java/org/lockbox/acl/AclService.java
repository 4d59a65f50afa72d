package org.lockbox.acl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.identity.Caller;
import org.lockbox.policy.Ceiling;
import org.lockbox.policy.KeyAccess;

/**
 * Reads and changes the read ACL of a secret or container, in the same transaction as the check
 * that the caller may: every role but audit may read an ACL, only the creator and the project's
 * admins may change it, and a change that lets more callers read a secret only by one who may read
 * it by right ({@link Ceiling}). A resource without a row has Barbican's default ACL.
 */
@Stateless
public class AclService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Inject
    Instance<AclGuard> guards;

    /**
     * A requested change: null fields are left as they are by a patch, and take Barbican's defaults
     * (project access, no users) on a replacement.
     */
    public record Change(Boolean projectAccess, List<String> users) {
        public Change {
            users = users == null ? null : List.copyOf(users);
        }
    }

    /** The explicit ACL, or empty for the default one. */
    public Optional<ReadAcl> get(Caller caller, AclTarget target, String resourceId) {
        require(caller, target, resourceId, false);
        return find(target, resourceId);
    }

    /** Replaces the whole ACL (PUT). */
    public void replace(Caller caller, AclTarget target, String resourceId, Change change) {
        boolean projectAccess = change.projectAccess() == null || change.projectAccess();
        List<String> users = change.users() == null ? List.of() : change.users();
        set(caller, target, resourceId, current -> projectAccess, current -> users);
    }

    /** Changes only what the request names (PATCH). */
    public void patch(Caller caller, AclTarget target, String resourceId, Change change) {
        set(caller, target, resourceId,
                current -> change.projectAccess() != null ? change.projectAccess()
                        : current.map(ReadAcl::projectAccess).orElse(true),
                current -> change.users() != null ? change.users() : current.map(ReadAcl::users).orElse(Set.of()));
    }

    /** Back to the default ACL; removing an absent ACL is not an error, as in Barbican. */
    public void remove(Caller caller, AclTarget target, String resourceId) {
        KeyAccess.Key key = require(caller, target, resourceId, true);
        Optional<ReadAcl> current = find(target, resourceId);
        if (current.isPresent()) {
            checkCeiling(caller, key, current, true, Set.of());
            em.remove(current.get());
        }
    }

    private void set(Caller caller, AclTarget target, String resourceId,
                     Function<Optional<ReadAcl>, Boolean> projectAccessAfter,
                     Function<Optional<ReadAcl>, Collection<String>> usersAfter) {
        KeyAccess.Key key = require(caller, target, resourceId, true);
        Optional<ReadAcl> current = find(target, resourceId);
        boolean projectAccess = projectAccessAfter.apply(current);
        Collection<String> users = usersAfter.apply(current);
        checkCeiling(caller, key, current, projectAccess, users);
        current.ifPresentOrElse(acl -> acl.change(projectAccess, users, now()),
                () -> em.persist(new ReadAcl(target, resourceId, projectAccess, users, now())));
    }

    /**
     * A secret's ACL passes on reading its material: whoever lets more callers read it than before
     * must read it by right (the scope table is the ceiling). A container's ACL ({@code key} null)
     * opens only its list of references, each of them a secret with its own checks.
     */
    private static void checkCeiling(Caller caller, KeyAccess.Key key, Optional<ReadAcl> current,
                                     boolean projectAccess, Collection<String> users) {
        if (key != null) {
            Ceiling.requireAclChange(caller, key, current.map(ReadAcl::projectAccess).orElse(true),
                    current.map(ReadAcl::users).orElse(Set.of()), projectAccess, Set.copyOf(users));
        }
    }

    /** Requires the caller may read or change the ACL; answers the secret's access facts, null for a container. */
    private KeyAccess.Key require(Caller caller, AclTarget target, String resourceId, boolean change) {
        AclGuard guard = guards.stream().filter(g -> g.target() == target).findFirst()
                .orElseThrow(() -> new IllegalStateException("No ACL guard for " + target));
        return guard.require(caller, resourceId, change);
    }

    private Optional<ReadAcl> find(AclTarget target, String resourceId) {
        return Optional.ofNullable(em.find(ReadAcl.class, ReadAcl.key(target, resourceId)));
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
