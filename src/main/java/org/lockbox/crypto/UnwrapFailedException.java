package org.lockbox.crypto;

/** A wrapped key did not authenticate: it was altered, or it belongs to another row or key. */
public class UnwrapFailedException extends RuntimeException {

    public UnwrapFailedException(String message) {
        super(message);
    }

    static UnwrapFailedException integrity(String what) {
        return new UnwrapFailedException("Stored " + what
                + " failed its integrity check: the ciphertext was altered or does not belong to this row");
    }
}
