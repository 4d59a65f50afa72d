package org.lockbox.inventory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One key with what surrounds it: user metadata, consumers, containers, its ACL and group; never material. */
public record KeyDetail(KeySummary key, Map<String, String> metadata, List<Consumer> consumers,
                        List<ContainerMembership> containers, Acl acl, Group group) {

    /** The key's explicit read ACL; null when it has none (the project's roles decide alone). */
    public record Acl(boolean projectAccess, List<String> users, OffsetDateTime updated) {
    }

    /** The key group the key belongs to. */
    public record Group(String id, String name) {
    }

    /** A service registered as a user of the key. */
    public record Consumer(String service, String resourceType, String resourceId, OffsetDateTime created) {
    }

    /** A container holding the key, and the key's name in it. */
    public record ContainerMembership(String containerId, String containerName, String containerType,
                                      String memberName) {
    }
}
