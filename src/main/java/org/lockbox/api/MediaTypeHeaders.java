package org.lockbox.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Refuses an empty or malformed Content-Type or Accept header with 400 and Barbican's JSON error body.
 * It runs before the JAX-RS runtime, which parses both headers before any of its filters and answers
 * a header it cannot parse with an HTML page, or fails later with a 500. A header is read as RFC 9110
 * writes it: {@code type/subtype} with {@code ;name=value} parameters, and for Accept a list of them
 * with an optional weight {@code q} between 0 and 1. The header's value is not repeated in the answer.
 */
@WebFilter(filterName = "media-type-headers", urlPatterns = "/*")
public class MediaTypeHeaders extends HttpFilter {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t \\x21-\\x7E\\x80-\\xFF])*\"";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "(?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))*");
    private static final Pattern QVALUE = Pattern.compile("0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?");

    /** Whether the JAX-RS runtime reads a well-formed media type too (tests, which have no runtime, stand in for it). */
    transient Predicate<String> runtimeReads = MediaTypeHeaders::runtimeReads;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> problem = contentTypeProblem(request.getHeader(HttpHeaders.CONTENT_TYPE))
                .or(() -> acceptProblem(request.getHeader(HttpHeaders.ACCEPT)));
        if (problem.isPresent()) {
            refuse(response, problem.get());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why a Content-Type header (null: absent) is refused, if it is. */
    Optional<String> contentTypeProblem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            return Optional.of("The Content-Type header is empty: name the body's media type (type/subtype).");
        }
        return wellFormed(value.strip()) ? Optional.empty()
                : Optional.of("The Content-Type header is not a media type (type/subtype, with ;name=value parameters).");
    }

    /** Why an Accept header (null: absent) is refused, if it is. */
    Optional<String> acceptProblem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            return Optional.of("The Accept header is empty: name the media types accepted, or */*.");
        }
        for (String range : elements(value)) {
            if (!wellFormed(range) || !weightWellFormed(range)) {
                return Optional.of("The Accept header is not a list of media types (type/subtype, with ;name=value"
                        + " parameters and an optional weight q between 0 and 1).");
            }
        }
        return Optional.empty();
    }

    private boolean wellFormed(String mediaType) {
        return MEDIA_TYPE.matcher(mediaType).matches() && runtimeReads.test(mediaType);
    }

    private static boolean runtimeReads(String mediaType) {
        try {
            MediaType.valueOf(mediaType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean weightWellFormed(String range) {
        for (String parameter : range.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("q")
                    && !QVALUE.matcher(parameter.substring(equals + 1).strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The list's elements, split at commas outside quoted strings and trimmed; an empty element stays, to be refused. */
    private static List<String> elements(String list) {
        List<String> elements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quoted && c == '\\' && i + 1 < list.length()) {
                current.append(c).append(list.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                elements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        elements.add(current.toString().strip());
        return elements;
    }

    private static void refuse(HttpServletResponse response, String description) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(Json.createObjectBuilder().add("code", 400).add("title", "Bad Request")
                .add("description", description).build().toString());
    }
}
