package org.lockbox.rootoftrust;

/**
 * A new master-key version could not be provisioned on this replica because another replica got
 * there first: it recorded the same version number, or recorded a version this replica has not
 * received yet. Nothing was kept on this replica; the other replica's version becomes current here
 * once it is received.
 */
public class VersionTakenException extends SealingException {

    public VersionTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
