package org.lockbox.rootoftrust.enrollment;

/** Where a replica's request for the master keys stands; only an operator moves it on. */
public enum ReplicaState {
    /** Registered by the replica, not yet decided: it is sent nothing. */
    PENDING,
    /** Approved by an operator: replicas holding the master keys send it every version. */
    APPROVED,
    /** Refused or withdrawn by an operator: it is sent nothing and its unreceived blobs are deleted. */
    REVOKED
}
