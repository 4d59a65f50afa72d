package org.lockbox.inventory;

/**
 * Filters and paging of the inventory's key listing, already validated. {@code project} is null for
 * every project (service admins only); {@code name} matches part of a name, ignoring case;
 * {@code status} is ACTIVE, EXPIRED or another status a key may have; {@code userKeysOnlyOf}, when
 * set, leaves out every {@code user}-scoped key but that user's own (the scope table shows other
 * users' user keys to their project's admin only).
 */
public record InventoryQuery(String project, String service, String name, String status, String userKeysOnlyOf,
                             int offset, int limit) {
}
