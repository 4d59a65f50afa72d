package org.lockbox.policy;

/** Everything a caller can ask of Lockbox, as the policy table names it. */
public enum Action {
    SECRET_CREATE,
    SECRET_LIST,
    SECRET_READ_METADATA,
    SECRET_READ_PAYLOAD,
    SECRET_UPDATE,
    SECRET_DELETE,
    ORDER_CREATE,
    ORDER_LIST,
    ORDER_READ,
    ORDER_DELETE,
    SECRET_CONSUMER_LIST,
    SECRET_CONSUMER_CREATE,
    SECRET_CONSUMER_DELETE,
    CONTAINER_CREATE,
    CONTAINER_LIST,
    CONTAINER_READ,
    CONTAINER_DELETE,
    CONTAINER_SECRET_ADD,
    CONTAINER_SECRET_REMOVE,
    CONTAINER_CONSUMER_LIST,
    CONTAINER_CONSUMER_CREATE,
    CONTAINER_CONSUMER_DELETE,
    QUOTA_READ,
    PROJECT_QUOTA_READ,
    PROJECT_QUOTA_UPDATE,
    PROJECT_QUOTA_DELETE,
    STORE_READ,
    PREFERRED_STORE_SET,
    PREFERRED_STORE_REMOVE,
    /** See master-key versions, their KEK counts and rotations: service-wide only. */
    MASTER_KEY_READ,
    /** Provision a new master-key version or retire an old one: service-wide only. */
    MASTER_KEY_MANAGE,
    ROTATION_READ,
    KEK_READ,
    KEK_ROTATE,
    SECRET_ACL_READ,
    /** Replace, change or remove a secret's ACL: its project's admins and its creator only. */
    SECRET_ACL_UPDATE,
    CONTAINER_ACL_READ,
    /** Replace, change or remove a container's ACL: its project's admins and its creator only. */
    CONTAINER_ACL_UPDATE,
    /** Make a new secret with another's material: as much a read of the source as a creation. */
    SECRET_CLONE,
    GROUP_LIST,
    GROUP_READ,
    /** Create and delete key groups and change their members. */
    GROUP_MANAGE,
    /** See the project's grants (Lockbox extension). */
    GRANT_LIST,
    /** Let a delegate read one key, through a trust from the granting user. */
    GRANT_CREATE,
    /** Let a service create keys for the project without reading any (a write-only grant). */
    GRANT_PROJECT_CREATE,
    /** Withdraw a grant. */
    GRANT_DELETE,
    /** See the trusts Lockbox has seen in force for the project. */
    TRUST_LIST,
    /** Read the audit trail (events, CADF export, chain verification). */
    AUDIT_READ,
    /** See the secrets pending deletion. */
    DELETION_LIST,
    /** Restore a secret pending deletion within its grace period. */
    DELETION_RESTORE,
    /** See the key inventory (counts, key metadata, sealer state) as the admin console does; never material. */
    INVENTORY_READ,
    /** See the sibling replicas that asked for the master keys and what was sent to each: service-wide only. */
    REPLICA_READ,
    /** Approve or revoke a replica's request for the master keys: service-wide only. */
    REPLICA_MANAGE
}
