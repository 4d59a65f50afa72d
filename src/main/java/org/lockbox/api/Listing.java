package org.lockbox.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriInfo;

import org.lockbox.persistence.Page;

/** Barbican's list body: the items under their collection name, total, and next/previous links when they exist. */
final class Listing {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private Listing() {
    }

    /** A page's place in the whole list: the total, and the next and previous pages when they exist. */
    record Links(long total, String next, String previous) {
    }

    static Links links(Page<?> page, UriInfo uriInfo, String base) {
        String next = page.offset() + page.limit() < page.total()
                ? link(uriInfo, base, page.offset() + page.limit(), page.limit()) : null;
        String previous = page.offset() > 0
                ? link(uriInfo, base, Math.max(0, page.offset() - page.limit()), page.limit()) : null;
        return new Links(page.total(), next, previous);
    }

    static Map<String, Object> body(String collection, List<?> items, Page<?> page, UriInfo uriInfo, String base) {
        Links links = links(page, uriInfo, base);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(collection, items);
        body.put("total", links.total());
        if (links.next() != null) {
            body.put("next", links.next());
        }
        if (links.previous() != null) {
            body.put("previous", links.previous());
        }
        return body;
    }

    private static String link(UriInfo uriInfo, String base, int offset, int limit) {
        String query = uriInfo.getRequestUriBuilder()
                .replaceQueryParam("offset", offset)
                .replaceQueryParam("limit", limit)
                .build().getRawQuery();
        return base + "/" + uriInfo.getPath().replaceFirst("^/", "") + "?" + query;
    }

    static int offset(String value) {
        return nonNegative("offset", value, 0);
    }

    static int limit(String value) {
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
