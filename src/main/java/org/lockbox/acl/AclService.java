package org.lockbox.acl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.container.ContainerService;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Action;
import org.lockbox.secret.SecretService;

/**
 * Reads and changes the read ACL of a secret or container, in the same transaction as the check
 * that the caller may: every role but audit may read an ACL, only the creator and the project's
 * admins may change it. A resource without a row has Barbican's default ACL.
 */
@Stateless
public class AclService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @EJB
    SecretService secrets;

    @EJB
    ContainerService containers;

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
        require(caller, target, resourceId, true);
        boolean projectAccess = change.projectAccess() == null || change.projectAccess();
        List<String> users = change.users() == null ? List.of() : change.users();
        find(target, resourceId).ifPresentOrElse(acl -> acl.change(projectAccess, users, now()),
                () -> em.persist(new ReadAcl(target, resourceId, projectAccess, users, now())));
    }

    /** Changes only what the request names (PATCH). */
    public void patch(Caller caller, AclTarget target, String resourceId, Change change) {
        require(caller, target, resourceId, true);
        find(target, resourceId).ifPresentOrElse(acl -> acl.change(change.projectAccess(), change.users(), now()),
                () -> em.persist(new ReadAcl(target, resourceId, change.projectAccess() == null
                        || change.projectAccess(), change.users() == null ? List.of() : change.users(), now())));
    }

    /** Back to the default ACL; removing an absent ACL is not an error, as in Barbican. */
    public void remove(Caller caller, AclTarget target, String resourceId) {
        require(caller, target, resourceId, true);
        find(target, resourceId).ifPresent(em::remove);
    }

    private void require(Caller caller, AclTarget target, String resourceId, boolean change) {
        switch (target) {
            case SECRET -> secrets.accessible(caller, resourceId,
                    change ? Action.SECRET_ACL_UPDATE : Action.SECRET_ACL_READ);
            case CONTAINER -> containers.accessible(caller, resourceId,
                    change ? Action.CONTAINER_ACL_UPDATE : Action.CONTAINER_ACL_READ);
        }
    }

    private Optional<ReadAcl> find(AclTarget target, String resourceId) {
        return Optional.ofNullable(em.find(ReadAcl.class, ReadAcl.key(target, resourceId)));
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
