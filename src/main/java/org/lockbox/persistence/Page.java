package org.lockbox.persistence;

import java.util.List;

/** One page of a listing: its items and how many match in all. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
}
