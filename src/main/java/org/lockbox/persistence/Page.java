package org.lockbox.persistence;

import java.util.List;

/**
 * One page of a listing: its items and how many match in all; or, for a page after a marker, its items and the
 * marker of the next page (null on the last), with no total, which would cost a count of the whole listing.
 */
public record Page<T>(List<T> items, long total, int offset, int limit, String nextMarker) {

    private static final long UNCOUNTED = -1;

    public Page(List<T> items, long total, int offset, int limit) {
        this(items, total, offset, limit, null);
    }

    public static <T> Page<T> afterMarker(List<T> items, int limit, String nextMarker) {
        return new Page<>(items, UNCOUNTED, 0, limit, nextMarker);
    }

    /** False for a page after a marker, which has no total. */
    public boolean counted() {
        return total != UNCOUNTED;
    }
}
