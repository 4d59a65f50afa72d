package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Content-Type and Accept headers read as RFC 9110 writes them; the runtime's own reading is checked by BadInputIT. */
class MediaTypeHeadersTest {

    private final MediaTypeHeaders headers = new MediaTypeHeaders();

    {
        headers.runtimeReads = value -> true;
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "text/plain;charset=\"utf-8\"",
            "application/octet-stream", "multipart/form-data; boundary=\"a,b;c\"", "application/vnd.api+json",
            " application/json "})
    void acceptsWellFormedContentTypes(String value) {
        assertEquals(Optional.empty(), headers.contentTypeProblem(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "application", "/json", "application/", "application/json;charset",
            "application/json;=utf-8", "\"text/plain\"", "a/b/c", "text/plain;", "text plain/x", "application/json,text/plain",
            "text/plain; charset=\"unterminated"})
    void refusesMalformedContentTypes(String value) {
        assertTrue(headers.contentTypeProblem(value).orElseThrow().contains("not a media type"), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void refusesEmptyHeaders(String value) {
        assertTrue(headers.contentTypeProblem(value).orElseThrow().contains("empty"));
        assertTrue(headers.acceptProblem(value).orElseThrow().contains("empty"));
    }

    @Test
    void absentHeadersAreFine() {
        assertEquals(Optional.empty(), headers.contentTypeProblem(null));
        assertEquals(Optional.empty(), headers.acceptProblem(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/json", "application/json, */*;q=0.5", "text/*;q=0.1, text/plain",
            "application/octet-stream;q=1.000", "text/plain;q=0", "a/b; q=0.123, c/d ;q=1", "text/plain;format=\"x,y\""})
    void acceptsWellFormedAcceptHeaders(String value) {
        assertEquals(Optional.empty(), headers.acceptProblem(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "application", "/json", "a/b/c", "application/json;q", "application/json;q=",
            "application/json;q=2", "application/json;q=0.1234", "application/json;q=1.5", "application/json;Q=high",
            "text/plain,,application/json", "text/plain,", "text/plain,,;", "application/json;charset"})
    void refusesMalformedAcceptHeaders(String value) {
        assertTrue(headers.acceptProblem(value).orElseThrow().contains("not a list of media types"), value);
    }

    @Test
    void aTypeTheRuntimeCannotReadIsRefused() {
        headers.runtimeReads = value -> !value.startsWith("odd/");
        assertTrue(headers.acceptProblem("text/plain, odd/type").isPresent());
        assertTrue(headers.contentTypeProblem("odd/type").isPresent());
    }

    @Test
    void theAnswerNeverRepeatsTheHeader() {
        String value = "secret-looking-value";
        assertTrue(headers.contentTypeProblem(value).orElseThrow().indexOf(value) < 0);
        assertTrue(headers.acceptProblem(value).orElseThrow().indexOf(value) < 0);
    }
}
