package org.lockbox.rootoftrust;

import java.util.List;
import javax.crypto.SecretKey;

/** Seals and unseals the per-service master keys; implemented by a TPM or, in development, in software. */
public interface MasterKeyProvider {

    /** A short name for logs and health output, such as "software" or "tpm-tcp". */
    String name();

    /** The versions sealed for a service, oldest first; empty when none has been provisioned. */
    List<Integer> versions(String service) throws SealingException;

    /** Unseals one version of a service's master key. */
    SecretKey unseal(String service, int version) throws SealingException;

    /** Where a sealed version lives (its file), for messages. */
    default String describe(String service, int version) {
        return service + " v" + version;
    }

    /** Seals a new random master key as the service's next version and returns that version. */
    int provision(String service) throws SealingException;

    /**
     * Destroys a retired version, which no KEK is wrapped under any more. Lockbox never asks this of
     * a service's newest version. A provider that cannot destroy versions refuses, and keeps them.
     */
    default void retire(String service, int version) throws SealingException {
        throw new UnsupportedOperationException("The " + name() + " master-key provider cannot retire versions");
    }

    /**
     * Deletes what this replica has sealed of a version that is not in use: one retired by any
     * replica, or one it has just sealed under a number another replica recorded first. Unlike
     * {@link #retire}, the newest version sealed here may go.
     */
    default void discard(String service, int version) throws SealingException {
        throw new UnsupportedOperationException("The " + name() + " master-key provider cannot delete versions");
    }
}
