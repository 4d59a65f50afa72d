package org.lockbox.inventory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One key with what surrounds it: user metadata, consumers and the containers it belongs to; never material. */
public record KeyDetail(KeySummary key, Map<String, String> metadata, List<Consumer> consumers,
                        List<ContainerMembership> containers) {

    /** A service registered as a user of the key. */
    public record Consumer(String service, String resourceType, String resourceId, OffsetDateTime created) {
    }

    /** A container holding the key, and the key's name in it. */
    public record ContainerMembership(String containerId, String containerName, String containerType,
                                      String memberName) {
    }
}
