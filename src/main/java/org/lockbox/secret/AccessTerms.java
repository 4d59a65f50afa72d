package org.lockbox.secret;

import org.lockbox.policy.Scope;

/**
 * Lockbox's access terms of a new key (all optional; a Barbican client sends none): its scope and,
 * for an entity scope, the entity it protects; whether it is dual-locked; and the project it is
 * created for when a service creates it under that project's write-only grant.
 *
 * @param forProject null for the caller's own project
 */
public record AccessTerms(Scope scope, String entityId, boolean dualLock, String forProject) {

    /** Barbican's terms: a project key of the caller's project. */
    public static final AccessTerms BARBICAN = new AccessTerms(Scope.PROJECT, null, false, null);
}
