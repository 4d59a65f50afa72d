package org.lockbox.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, whatever the token it came from: user, scope, roles, the service it speaks for
 * and when its token expires. Authorization code sees only this, never a token.
 */
public record Caller(String userId, String projectId, String domainId, Set<String> roles, String service,
                     OffsetDateTime expiresAt, List<String> auditIds) {

    /** The master key and ownership used when a caller does not speak for a named service. */
    public static final String DEFAULT_SERVICE = "default";

    public Caller {
        roles = Set.copyOf(roles);
        auditIds = List.copyOf(auditIds);
        service = service == null ? DEFAULT_SERVICE : service;
    }

    public boolean projectScoped() {
        return projectId != null;
    }
}
