package org.lockbox.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, whatever the token it came from: user, scope, roles, the Lockbox service it
 * speaks for, when its token expires, its audit ids, the trust it acts under and the service
 * identity that came with it. Authorization code sees only this, never a token.
 *
 * @param userId          the user that owns what the request creates and that audit names: for a
 *                        trust, the trustor when the trust impersonates, the trustee otherwise
 * @param userName        the user's name when the token's issuer says it (Keystone does), else null
 * @param service         the Lockbox service whose master key protects what the request stores
 * @param expiresAt       when the caller stops being valid: the token's expiry, never past its trust's
 * @param trust           the trust a trust-scoped token acts under, else null
 * @param serviceIdentity the service user of a valid X-Service-Token, else null
 * @param projectDomainId the domain of the token's project when the issuer says it (Keystone does), else null
 * @param userDomain      the domain of the user (the domain a user name belongs to) when the issuer says it
 *                        (Keystone does), else null
 */
public record Caller(String userId, String userName, String projectId, String domainId, Set<String> roles,
                     String service, OffsetDateTime expiresAt, List<String> auditIds, Trust trust,
                     ServiceIdentity serviceIdentity, String projectDomainId, UserDomain userDomain) {

    /** A user's domain, by id and by name; either may be null when the token's issuer does not say it. */
    public record UserDomain(String id, String name) {
    }

    /** The master key and ownership used when a caller does not speak for a named service. */
    public static final String DEFAULT_SERVICE = "default";

    public Caller {
        roles = Set.copyOf(roles);
        auditIds = List.copyOf(auditIds);
        service = service == null ? DEFAULT_SERVICE : service;
        if (trust != null && trust.expiresAt() != null && trust.expiresAt().isBefore(expiresAt)) {
            expiresAt = trust.expiresAt();
        }
    }

    /** A caller whose user's domain is not known. */
    public Caller(String userId, String userName, String projectId, String domainId, Set<String> roles,
                  String service, OffsetDateTime expiresAt, List<String> auditIds, Trust trust,
                  ServiceIdentity serviceIdentity, String projectDomainId) {
        this(userId, userName, projectId, domainId, roles, service, expiresAt, auditIds, trust, serviceIdentity,
                projectDomainId, null);
    }

    /** A caller whose project's domain is not known. */
    public Caller(String userId, String userName, String projectId, String domainId, Set<String> roles,
                  String service, OffsetDateTime expiresAt, List<String> auditIds, Trust trust,
                  ServiceIdentity serviceIdentity) {
        this(userId, userName, projectId, domainId, roles, service, expiresAt, auditIds, trust, serviceIdentity, null);
    }

    /** A caller acting under no trust and with no service token. */
    public Caller(String userId, String projectId, String domainId, Set<String> roles, String service,
                  OffsetDateTime expiresAt, List<String> auditIds) {
        this(userId, null, projectId, domainId, roles, service, expiresAt, auditIds, null, null);
    }

    public boolean projectScoped() {
        return projectId != null;
    }

    /** The user who actually sent the request: the trustee under a trust, else the caller's user. */
    public String actingUserId() {
        return trust == null ? userId : trust.trusteeId();
    }

    /** This caller speaking for a Lockbox service, as a valid service token says. */
    public Caller withService(ServiceIdentity identity, String lockboxService) {
        return new Caller(userId, userName, projectId, domainId, roles, lockboxService, expiresAt, auditIds, trust,
                identity, projectDomainId, userDomain);
    }
}
