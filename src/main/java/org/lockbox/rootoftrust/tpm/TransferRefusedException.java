package org.lockbox.rootoftrust.tpm;

/** A key transfer was refused before anything was wrapped; the message says why, never key bytes. */
public class TransferRefusedException extends Exception {

    public TransferRefusedException(String message) {
        super(message);
    }

    public TransferRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
