package org.lockbox.secret;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The payload content types Barbican accepts, normalised as Barbican stores them. */
public final class PayloadContentType {

    public static final String TEXT = "text/plain";
    public static final String OCTET_STREAM = "application/octet-stream";
    private static final Set<String> BINARY = Set.of(OCTET_STREAM, "application/pkcs8", "application/pkix-cert");

    private PayloadContentType() {
    }

    /** The normalised type, or empty when Barbican would not accept it. */
    public static Optional<String> normalise(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String compact = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        if (compact.equals(TEXT) || compact.equals(TEXT + ";charset=utf-8")) {
            return Optional.of(TEXT);
        }
        return BINARY.contains(compact) ? Optional.of(compact) : Optional.empty();
    }

    public static boolean isBinary(String normalised) {
        return BINARY.contains(normalised);
    }

    /** The Content-Type header a stored payload is returned with. */
    public static String responseType(String normalised) {
        return TEXT.equals(normalised) ? "text/plain;charset=utf-8" : normalised;
    }
}
