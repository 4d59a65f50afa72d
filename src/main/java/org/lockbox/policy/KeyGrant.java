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
 * @param grantorService the service the granting caller spoke for: a read grant passes on only the
 *                 keys that service owns (or keys no service owns), since only those could its maker read
 */
public record KeyGrant(String projectId, String service, Access access, String secretId, String grantee,
                       String trustor, String grantorService, OffsetDateTime expiresAt) {

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
    public boolean delegatesTo(Caller caller, KeyAccess.Key key, OffsetDateTime now) {
        return access == Access.READ && grantee != null && key.id().equals(secretId) && inForce(now)
                && projectId.equals(key.projectId()) && key.projectId().equals(caller.projectId())
                && passesOnOwnershipOf(key)
                && caller.trust() != null && grantee.equals(caller.trust().trusteeId())
                && trustor != null && trustor.equals(caller.trust().trustorId())
                && service.equals(caller.service());
    }

    /** Whether this grant lets callers speaking for another service read the key (ownership by service). */
    public boolean letsServiceRead(Caller caller, KeyAccess.Key key, OffsetDateTime now) {
        return access == Access.READ && grantee == null && (secretId == null || secretId.equals(key.id()))
                && projectId.equals(key.projectId()) && service.equals(caller.service()) && inForce(now)
                && passesOnOwnershipOf(key);
    }

    /**
     * Whether the grant's maker could read keys owned as this one is: no service owns it, or the maker
     * spoke for its owner. A grant made without the owner's consent (or recorded before makers' services
     * were) passes on nothing of an owned key.
     */
    private boolean passesOnOwnershipOf(KeyAccess.Key key) {
        return Caller.DEFAULT_SERVICE.equals(key.service()) || key.service().equals(grantorService);
    }

    /** Whether this grant lets the caller's service create keys in the project. */
    public boolean letsServiceCreate(Caller caller, String project, OffsetDateTime now) {
        return access == Access.WRITE_ONLY && projectId.equals(project) && service.equals(caller.service())
                && !Caller.DEFAULT_SERVICE.equals(caller.service()) && inForce(now)
                && (grantee == null || grantee.equals(caller.actingUserId())
                || caller.serviceIdentity() != null && grantee.equals(caller.serviceIdentity().userId()));
    }
}
