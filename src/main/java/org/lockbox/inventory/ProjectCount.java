package org.lockbox.inventory;

/** How many keys one project holds under one service's master key, and how many of those await destruction. */
public record ProjectCount(String projectId, String service, long secrets, long pendingDeletion) {
}
