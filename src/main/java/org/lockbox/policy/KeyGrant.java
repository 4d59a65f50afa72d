package org.lockbox.policy;

import java.time.OffsetDateTime;

import org.lockbox.identity.Caller;

/**
 * What one grant of a project says, as the layered checks read it: a service (and, for a delegate,
 * one user acting under a trust from the granting user) may read one key or every key, or may
 * create keys without reading any.
 *
 * @param secretId null for every key of the project
 * @param grantee  the trustee user a delegated grant names, else null (any caller speaking for the service)
 * @param trustor  the user whose trust the grantee must act under (the user who granted), with a grantee
 */
public record KeyGrant(String projectId, String service, Access access, String secretId, String grantee,
                       String trustor, OffsetDateTime expiresAt) {

    /** What a grant allows. */
    public enum Access {
        /** Read keys' material (one key, or every key of the project for a service). */
        READ,
        /** Create keys for the project; read none. */
        WRITE_ONLY;

        public String wireName() {
            return this == READ ? "read" : "write-only";
        }

        public static Access fromWire(String name) {
            return "read".equals(name) ? READ : "write-only".equals(name) ? WRITE_ONLY : null;
        }
    }

    public boolean inForce(OffsetDateTime now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    /**
     * Whether this grant lets the caller read the key through delegation: the caller acts under a
     * trust from the granting user to the grantee, in the key's project, speaking for the grant's service.
     */
    public boolean delegatesTo(Caller caller, String keyId, String keyProjectId, OffsetDateTime now) {
        return access == Access.READ && grantee != null && keyId.equals(secretId) && inForce(now)
                && projectId.equals(keyProjectId) && keyProjectId.equals(caller.projectId())
                && caller.trust() != null && grantee.equals(caller.trust().trusteeId())
                && trustor != null && trustor.equals(caller.trust().trustorId())
                && service.equals(caller.service());
    }

    /** Whether this grant lets callers speaking for another service read the key (ownership by service). */
    public boolean letsServiceRead(Caller caller, String keyId, String keyProjectId, OffsetDateTime now) {
        return access == Access.READ && grantee == null && (secretId == null || secretId.equals(keyId))
                && projectId.equals(keyProjectId) && service.equals(caller.service()) && inForce(now);
    }

    /** Whether this grant lets the caller's service create keys in the project. */
    public boolean letsServiceCreate(Caller caller, String project, OffsetDateTime now) {
        return access == Access.WRITE_ONLY && projectId.equals(project) && service.equals(caller.service())
                && !Caller.DEFAULT_SERVICE.equals(caller.service()) && inForce(now)
                && (grantee == null || grantee.equals(caller.actingUserId())
                || caller.serviceIdentity() != null && grantee.equals(caller.serviceIdentity().userId()));
    }
}
