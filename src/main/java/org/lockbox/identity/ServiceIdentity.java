package org.lockbox.identity;

import java.util.Set;

/**
 * The service user behind a valid X-Service-Token (keystonemiddleware's convention) and its roles.
 *
 * @param userDomain the service user's domain when the token's issuer says it, else null
 */
public record ServiceIdentity(String userId, String userName, Set<String> roles, Caller.UserDomain userDomain) {

    public ServiceIdentity {
        roles = Set.copyOf(roles);
    }

    /** A service user whose domain is not known. */
    public ServiceIdentity(String userId, String userName, Set<String> roles) {
        this(userId, userName, roles, null);
    }
}
