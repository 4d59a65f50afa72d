package org.lockbox.error;

/** The request is malformed or names values that are not allowed. */
public class InvalidRequestException extends DomainException {

    public InvalidRequestException(String description) {
        super(description);
    }
}
