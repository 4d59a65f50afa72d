package org.lockbox.policy;

import jakarta.enterprise.context.ApplicationScoped;

import org.lockbox.identity.Caller;

/** Applies the policy table to a caller before any service method runs. */
@ApplicationScoped
public class Authorizer {

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

    /**
     * Like {@link #require}, except that a caller acting under a trust may go on to read one key
     * without a role that allows it: a per-key grant to the trustee may let it ({@link KeyAccess}
     * decides once the key is found).
     */
    public void requireOrDelegated(Caller caller, Action action) {
        if (caller.trust() != null && caller.projectScoped()
                && (action == Action.SECRET_READ_METADATA || action == Action.SECRET_READ_PAYLOAD)) {
            return;
        }
        require(caller, action);
    }

    /** Requires a role that grants the action on every project (the token's scope does not matter). */
    public void requireServiceWide(Caller caller, Action action) {
        if (!PolicyTable.allowsServiceWide(caller.roles(), action)) {
            throw new AccessDeniedException("None of the caller's roles allows " + describe(action)
                    + " across projects; it needs one of " + PolicyTable.serviceWideRolesFor(action));
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

    /** Whether the caller may perform the action on every project. */
    public boolean allowsServiceWide(Caller caller, Action action) {
        return PolicyTable.allowsServiceWide(caller.roles(), action);
    }

    private static String describe(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
