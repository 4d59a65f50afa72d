package org.lockbox.rootoftrust;

/** A master key could not be sealed or unsealed; the message says what to check, never key bytes. */
public class SealingException extends Exception {

    public SealingException(String message) {
        super(message);
    }

    public SealingException(String message, Throwable cause) {
        super(message, cause);
    }
}
