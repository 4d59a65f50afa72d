package org.lockbox.identity;

/**
 * A token could not be checked because the identity service cannot be reached or refuses
 * Lockbox's own credentials: the caller is not at fault and should retry (503). The message is
 * safe to return and never contains a token or a password.
 */
public class IdentityUnavailableException extends RuntimeException {

    public IdentityUnavailableException(String message) {
        super(message, null, false, false);
    }
}
