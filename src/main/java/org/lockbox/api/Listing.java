package org.lockbox.api;

import jakarta.ws.rs.core.UriInfo;

import org.lockbox.persistence.Page;

/** Barbican's paging: offset and limit in, and the total and next/previous links that each list record carries. */
public final class Listing {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private Listing() {
    }

    /**
     * A page's place in the whole list: the total, and the next and previous pages when they exist; a page after a
     * marker has no total and no previous page, and its next page is after its last item.
     */
    public record Links(Long total, String next, String previous) {
    }

    public static Links links(Page<?> page, UriInfo uriInfo, String base) {
        if (!page.counted()) {
            String next = page.nextMarker() == null ? null
                    : link(uriInfo, base, "marker", page.nextMarker(), page.limit());
            return new Links(null, next, null);
        }
        String next = page.offset() + page.limit() < page.total()
                ? link(uriInfo, base, "offset", page.offset() + page.limit(), page.limit()) : null;
        String previous = page.offset() > 0
                ? link(uriInfo, base, "offset", Math.max(0, page.offset() - page.limit()), page.limit()) : null;
        return new Links(page.total(), next, previous);
    }

    private static String link(UriInfo uriInfo, String base, String position, Object value, int limit) {
        String query = uriInfo.getRequestUriBuilder()
                .replaceQueryParam(position, value)
                .replaceQueryParam("limit", limit)
                .build().getRawQuery();
        return base + "/" + uriInfo.getPath().replaceFirst("^/", "") + "?" + query;
    }

    /** A query parameter that filters a listing: null (no filter) when absent or blank. */
    public static String filter(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static int offset(String value) {
        return nonNegative("offset", value, 0);
    }

    public static int limit(String value) {
        return Math.min(nonNegative("limit", value, DEFAULT_LIMIT), MAX_LIMIT);
    }

    private static int nonNegative(String name, String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw ApiException.badRequest("'" + name + "' must not be negative.");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be an integer.");
        }
    }
}
