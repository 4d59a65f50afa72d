package org.lockbox.error;

/** An operation the request needs failed on the server's side. */
public class OperationFailedException extends DomainException {

    public OperationFailedException(String description) {
        super(description);
    }
}
