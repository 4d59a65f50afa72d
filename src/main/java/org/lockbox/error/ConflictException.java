package org.lockbox.error;

/** The request conflicts with the current state of what it names. */
public class ConflictException extends DomainException {

    public ConflictException(String description) {
        super(description);
    }
}
