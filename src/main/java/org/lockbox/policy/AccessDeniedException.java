package org.lockbox.policy;

import jakarta.ejb.ApplicationException;

/**
 * The caller is known but may not do this. The message, shown to the caller, names the action,
 * never another tenant's data. A concealed refusal answers 404 as if the target did not exist, as
 * Barbican does for what a caller may not see; its reason, which may name the rule that refused,
 * goes only to the audit trail.
 * It rolls back any transaction in progress, like ApiException.
 */
@ApplicationException(rollback = true)
public class AccessDeniedException extends RuntimeException {

    private final boolean concealed;
    private final String reason;

    public AccessDeniedException(String message) {
        this(message, false, message);
    }

    private AccessDeniedException(String message, boolean concealed, String reason) {
        super(message, null, false, false);
        this.concealed = concealed;
        this.reason = reason;
    }

    /** A refusal the caller sees as "not found" (the public message); the reason is for the audit trail only. */
    public static AccessDeniedException concealed(String notFoundMessage, String reason) {
        return new AccessDeniedException(notFoundMessage, true, reason);
    }

    /** Whether the caller is told 404 rather than 403. */
    public boolean concealed() {
        return concealed;
    }

    /** Why access was refused, for the audit trail (never material or tokens). */
    public String reason() {
        return reason;
    }
}
