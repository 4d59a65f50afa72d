package org.lockbox.identity;

import java.util.Set;

/** The service user behind a valid X-Service-Token (keystonemiddleware's convention) and its roles. */
public record ServiceIdentity(String userId, String userName, Set<String> roles) {

    public ServiceIdentity {
        roles = Set.copyOf(roles);
    }
}
