package org.lockbox.error;

/** The request carries more data than is allowed. */
public class TooLargeException extends DomainException {

    public TooLargeException(String description) {
        super(description);
    }
}
