package org.lockbox.identity;

import java.time.OffsetDateTime;

/**
 * The Keystone trust a trust-scoped token acts under: the trustee acts for the trustor, with the
 * trust's roles, in the trust's project, until the trust expires ({@code expiresAt} null: never).
 */
public record Trust(String id, String trustorId, String trusteeId, boolean impersonation, OffsetDateTime expiresAt) {

    /** Whom ownership and audit name: the trustor when the trust impersonates, the trustee otherwise. */
    public String effectiveUserId() {
        return impersonation ? trustorId : trusteeId;
    }
}
