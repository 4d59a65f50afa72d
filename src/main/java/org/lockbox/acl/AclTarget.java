package org.lockbox.acl;

/** What an access list can protect, as its rows name it. */
public enum AclTarget {
    SECRET("secret"),
    CONTAINER("container");

    private final String column;

    AclTarget(String column) {
        this.column = column;
    }

    /** The resource kind as ACL rows store it. */
    public String column() {
        return column;
    }
}
