package org.lockbox.error;

import jakarta.ejb.ApplicationException;

/**
 * A refusal raised by a service, with a description safe to show the caller (never material or
 * tokens). It rolls back any transaction in progress; the HTTP layer chooses the status.
 */
@ApplicationException(rollback = true)
public abstract class DomainException extends RuntimeException {

    protected DomainException(String description) {
        super(description, null, false, false);
    }
}
