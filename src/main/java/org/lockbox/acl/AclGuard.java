package org.lockbox.acl;

import org.lockbox.identity.Caller;
import org.lockbox.policy.KeyAccess;

/** The check, owned by the capability that keeps one kind of resource, that a caller may read or change its ACL. */
public interface AclGuard {

    /** The kind of resource this guard checks. */
    AclTarget target();

    /**
     * Requires the caller may read ({@code change} false) or change the resource's ACL; answers the
     * access facts of a secret, null for a resource whose ACL opens no material.
     */
    KeyAccess.Key require(Caller caller, String resourceId, boolean change);
}
