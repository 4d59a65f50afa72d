package org.lockbox.policy;

/** The caller is known but may not do this; the message names the action, never another tenant's data. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
