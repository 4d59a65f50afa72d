package org.lockbox.secret;

import java.time.OffsetDateTime;

/** A secret pending deletion, as admins see it: metadata only. */
public record PendingDeletion(String secretId, String projectId, String service, String name,
                              OffsetDateTime requestedAt, String requestedBy, OffsetDateTime destroyAfter,
                              String requestEventId) {
}
