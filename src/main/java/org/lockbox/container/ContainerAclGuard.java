package org.lockbox.container;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lockbox.acl.AclGuard;
import org.lockbox.acl.AclTarget;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Action;
import org.lockbox.policy.KeyAccess;

/**
 * Lets a caller read or change a container's ACL only when the container's own checks allow it;
 * the ACL opens only its list of references, so it has no access facts.
 */
@ApplicationScoped
public class ContainerAclGuard implements AclGuard {

    @Inject
    ContainerService containers;

    @Override
    public AclTarget target() {
        return AclTarget.CONTAINER;
    }

    @Override
    public KeyAccess.Key require(Caller caller, String resourceId, boolean change) {
        containers.accessible(caller, resourceId, change ? Action.CONTAINER_ACL_UPDATE : Action.CONTAINER_ACL_READ);
        return null;
    }
}
