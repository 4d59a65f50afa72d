package org.lockbox.error;

/** The request is refused by a rule such as a quota, whoever makes it. */
public class ForbiddenException extends DomainException {

    public ForbiddenException(String description) {
        super(description);
    }
}
