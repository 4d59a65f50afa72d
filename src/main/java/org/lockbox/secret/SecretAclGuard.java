package org.lockbox.secret;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lockbox.acl.AclGuard;
import org.lockbox.acl.AclTarget;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Action;
import org.lockbox.policy.KeyAccess;

/** Lets a caller read or change a secret's ACL only when the secret's own checks allow it. */
@ApplicationScoped
public class SecretAclGuard implements AclGuard {

    @Inject
    SecretService secrets;

    @Override
    public AclTarget target() {
        return AclTarget.SECRET;
    }

    @Override
    public KeyAccess.Key require(Caller caller, String resourceId, boolean change) {
        return secrets.accessible(caller, resourceId, change ? Action.SECRET_ACL_UPDATE : Action.SECRET_ACL_READ)
                .accessFacts();
    }
}
