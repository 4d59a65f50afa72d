package org.lockbox.api;

import java.util.Locale;

/**
 * Barbican's microversions: a request asks for one with {@code OpenStack-API-Version:
 * key-manager 1.1} (or {@code latest}); without the header it gets 1.0. Version 1.1 adds secret
 * consumers. An unknown version is refused with 406, as Barbican's microversion middleware does.
 */
public enum ApiVersion {
    V1_0("1.0"), V1_1("1.1");

    public static final String HEADER = "OpenStack-API-Version";
    static final String SERVICE_TYPE = "key-manager";
    static final ApiVersion LATEST = V1_1;

    private final String number;

    ApiVersion(String number) {
        this.number = number;
    }

    public String number() {
        return number;
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    /** The header value a response carries, e.g. "key-manager 1.1". */
    public String headerValue() {
        return SERVICE_TYPE + " " + number;
    }

    /** The version a request asks for; other services' entries in the header are ignored. */
    public static ApiVersion requested(String header) {
        if (header == null || header.isBlank()) {
            return V1_0;
        }
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equalsIgnoreCase(SERVICE_TYPE)) {
                return parse(parts[1]);
            }
            if (parts.length > 0 && parts[0].equalsIgnoreCase(SERVICE_TYPE)) {
                throw notAcceptable(entry.trim());
            }
        }
        return V1_0;
    }

    private static ApiVersion parse(String number) {
        if (number.toLowerCase(Locale.ROOT).equals("latest")) {
            return LATEST;
        }
        for (ApiVersion version : values()) {
            if (version.number.equals(number)) {
                return version;
            }
        }
        throw notAcceptable(number);
    }

    private static ApiException notAcceptable(String given) {
        return ApiException.notAcceptable("Invalid microversion '" + given + "': this server supports key-manager "
                + V1_0.number + " to " + LATEST.number + ".");
    }
}
