package org.lockbox.inventory;

/** How many keys one project holds under one service's master key. */
public record ProjectCount(String projectId, String service, long secrets) {
}
