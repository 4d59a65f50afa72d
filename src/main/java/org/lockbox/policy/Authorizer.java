package org.lockbox.policy;

import static org.lockbox.policy.Action.*;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.lockbox.identity.Caller;

/** Applies the policy table to a caller before any service method runs. */
@ApplicationScoped
public class Authorizer {

    /** What a user on a read ACL may do, from any project and whatever their roles. */
    private static final Set<Action> ACL_READS = EnumSet.of(SECRET_READ_METADATA, SECRET_READ_PAYLOAD, CONTAINER_READ);

    /** What a private ACL keeps from the project's roles: only the creator and admins still may. */
    private static final Set<Action> PRIVATE = EnumSet.of(SECRET_READ_METADATA, SECRET_READ_PAYLOAD, SECRET_DELETE,
            SECRET_CLONE, CONTAINER_READ, CONTAINER_DELETE);

    /** What only the creator and the project's admins may do, even on a secret open to the project. */
    private static final Set<Action> CREATOR_ONLY = EnumSet.of(SECRET_ACL_UPDATE, CONTAINER_ACL_UPDATE);

    /** Requires a project-scoped caller holding a role that grants the action. */
    public void require(Caller caller, Action action) {
        if (!caller.projectScoped()) {
            throw new AccessDeniedException("A project-scoped token is required for " + describe(action));
        }
        if (!PolicyTable.allows(caller.roles(), action)) {
            throw new AccessDeniedException("None of the caller's roles allows " + describe(action)
                    + "; it needs one of " + PolicyTable.rolesFor(action));
        }
    }

    /** Requires a role that grants the action on every project (the token's scope does not matter). */
    public void requireServiceWide(Caller caller, Action action) {
        if (!PolicyTable.allowsServiceWide(caller.roles(), action)) {
            throw new AccessDeniedException("None of the caller's roles allows " + describe(action)
                    + " across projects; it needs one of " + PolicyTable.serviceWideRolesFor(action));
        }
    }

    /**
     * Requires the action on one secret or container, with Barbican's rules applied in its order: a
     * user on the read ACL may read it from anywhere; anyone else must be in its project (another
     * project's caller is told it does not exist) with a role that grants the action; a private ACL,
     * and any change to the ACL, leave only its creator and the project's admins.
     */
    public void requireOn(Caller caller, Action action, AccessTarget target) {
        if (aclReads(caller, action, target)) {
            return;
        }
        if (!caller.projectScoped() || !caller.projectId().equals(target.projectId())) {
            throw AccessDeniedException.concealed(target.kind() + " not found.",
                    "the " + target.kind().toLowerCase(Locale.ROOT) + " belongs to another project and its read ACL"
                            + " does not list the caller");
        }
        require(caller, action);
        requireAclAllows(caller, action, target);
    }

    /** Whether the target's read ACL lists the caller for this (read) action. */
    static boolean aclReads(Caller caller, Action action, AccessTarget target) {
        return ACL_READS.contains(action) && target.readers().contains(caller.userId());
    }

    /** Refuses what the target's ACL keeps from a caller of its project: ACL changes, and uses of a private one. */
    static void requireAclAllows(Caller caller, Action action, AccessTarget target) {
        boolean creatorOrAdmin = caller.userId().equals(target.creatorId()) || PolicyTable.includesAdmin(caller.roles());
        if (CREATOR_ONLY.contains(action) && !creatorOrAdmin) {
            throw new AccessDeniedException("Only the " + target.kind().toLowerCase(Locale.ROOT)
                    + "'s creator or an admin of its project may change its ACL");
        }
        if (!target.projectAccess() && PRIVATE.contains(action) && !creatorOrAdmin) {
            throw new AccessDeniedException("The " + target.kind().toLowerCase(Locale.ROOT) + " is private: only its"
                    + " creator, an admin of its project or a user on its read ACL may use it (" + describe(action) + ")");
        }
    }

    /**
     * Requires the action on one named project: a service-wide role, or a token scoped to that very
     * project with a role that grants the action there.
     */
    public void requireOnProject(Caller caller, Action action, String projectId) {
        if (PolicyTable.allowsServiceWide(caller.roles(), action)) {
            return;
        }
        if (!caller.projectScoped() || !caller.projectId().equals(projectId)) {
            throw new AccessDeniedException("A token scoped to the project is required for " + describe(action)
                    + ", unless the caller has one of " + PolicyTable.serviceWideRolesFor(action));
        }
        require(caller, action);
    }

    /**
     * Applies what an endpoint declares, before it runs. Per-key requirements are left to
     * {@link KeyAccess}, and a body-dependent one to the endpoint, which reads the body first.
     */
    public void require(Caller caller, Requires declared, String pathProject) {
        Action action = declared.value();
        switch (declared.where()) {
            case TOKEN_PROJECT -> require(caller, action);
            case EVERY_PROJECT -> requireServiceWide(caller, action);
            case TOKEN_PROJECT_OR_EVERY_PROJECT -> {
                if (!allowsServiceWide(caller, action)) {
                    require(caller, action);
                }
            }
            case PATH_PROJECT -> requireOnProject(caller, action, pathProject);
            case EACH_KEY, BODY -> {
                // decided later, where the key or the body is known
            }
        }
    }

    /**
     * The project a listing covers: the one requested (null for all) for a service-wide role, else the
     * token's own; asking for another project without a service-wide role is refused.
     */
    public String listedProject(Caller caller, Action action, String requested, String what) {
        if (allowsServiceWide(caller, action)) {
            return requested;
        }
        if (requested != null && !requested.equals(caller.projectId())) {
            throw new AccessDeniedException("Only " + String.join(" or ", PolicyTable.serviceWideRolesFor(action))
                    + " sees " + what + " of other projects.");
        }
        return caller.projectId();
    }

    /** Whether the caller may perform the action on every project. */
    public boolean allowsServiceWide(Caller caller, Action action) {
        return PolicyTable.allowsServiceWide(caller.roles(), action);
    }

    private static String describe(Action action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
