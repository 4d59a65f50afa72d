package org.lockbox.error;

/** The configured provider cannot do what the request asks. */
public class NotImplementedException extends DomainException {

    public NotImplementedException(String description) {
        super(description);
    }
}
