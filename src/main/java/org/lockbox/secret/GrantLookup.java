package org.lockbox.secret;

import java.util.List;

import org.lockbox.identity.Caller;
import org.lockbox.policy.KeyGrant;

/** The grants that widen who may create a project's keys or read one of them, as the secret service asks. */
public interface GrantLookup {

    /** The grants that may let someone read this key: read grants on it or on its whole project. */
    List<KeyGrant> readGrantsFor(String projectId, String secretId);

    /** Whether a write-only grant in force lets the caller's service create keys in the project. */
    boolean letsCreate(Caller caller, String projectId);
}
