package org.lockbox.acl;

/** A read ACL was created, changed or removed (fired as its transaction writes it). */
public record ReadAclChanged(String resourceKind, String resourceId) {

    public boolean isFor(AclTarget target) {
        return target.column().equals(resourceKind);
    }
}
