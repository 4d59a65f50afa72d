package org.lockbox.api.admin;

import java.util.Set;

import org.lockbox.api.ApiException;
import org.lockbox.rotation.Rotation;

/** Checks the parameters of the rotation API; anything malformed is a 400, never a 500. */
final class RotationRequests {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Set<String> STATES = Set.of(Rotation.RUNNING, Rotation.DONE, Rotation.STALLED);

    private RotationRequests() {
    }

    /** A version number in a path: a positive integer, else 404 (there is no such version). */
    static int version(String text) {
        try {
            int version = Integer.parseInt(text);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.notFound("There is no master-key version '" + text + "'.");
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("'limit' must be an integer from 1 to " + MAX_LIMIT + ".");
    }

    /** A state filter, case-insensitive; null when absent. */
    static String state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String state = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (!STATES.contains(state)) {
            throw ApiException.badRequest("'state' must be one of RUNNING, DONE or STALLED.");
        }
        return state;
    }

    /** An optional filter or service name: blank counts as absent. */
    static String optional(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
