package org.lockbox.inventory;

import java.time.OffsetDateTime;

/** One key as the inventory lists it: where it lives and what it is, never its material. */
public record KeySummary(String id, String projectId, String service, String name, String secretType,
                         String algorithm, Integer bitLength, String mode, String status, String creatorId,
                         OffsetDateTime created, OffsetDateTime updated, OffsetDateTime expiration,
                         boolean hasPayload, Integer kekVersion, long consumers) {
}
