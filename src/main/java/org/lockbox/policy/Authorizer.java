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

    private static String describe(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
