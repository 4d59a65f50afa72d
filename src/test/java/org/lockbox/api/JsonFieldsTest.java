package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.api.ApiAssertions.assertBadRequest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    private static final JsonObject BODY = Json.createObjectBuilder()
            .add("text", "value")
            .add("number", 42)
            .add("decimal", 4.5)
            .add("big", 1L << 33)
            .add("flag", true)
            .addNull("nothing")
            .add("object", Json.createObjectBuilder().add("k", "v"))
            .add("array", Json.createArrayBuilder().add(1))
            .build();

    @Test
    void requireObjectRefusesNull() {
        assertBadRequest(() -> JsonFields.requireObject(null));
        assertEquals(BODY, JsonFields.requireObject(BODY));
    }

    @Test
    void stringReads() {
        assertEquals("value", JsonFields.string(BODY, "text", 5));
        assertNull(JsonFields.string(BODY, "absent", 5));
        assertNull(JsonFields.string(BODY, "nothing", 5));
        ApiException tooLong = assertBadRequest(() -> JsonFields.string(BODY, "text", 4));
        assertTrue(tooLong.getMessage().contains("'text'"), tooLong.getMessage());
        ApiException wrongType = assertBadRequest(() -> JsonFields.string(BODY, "number", 10));
        assertTrue(wrongType.getMessage().contains("'number' must be a string"), wrongType.getMessage());
        assertBadRequest(() -> JsonFields.string(BODY, "flag", 10));
        assertBadRequest(() -> JsonFields.string(BODY, "object", 10));
    }

    @Test
    void integerReads() {
        assertEquals(42, JsonFields.integer(BODY, "number"));
        assertNull(JsonFields.integer(BODY, "absent"));
        assertNull(JsonFields.integer(BODY, "nothing"));
        assertBadRequest(() -> JsonFields.integer(BODY, "decimal"));
        assertBadRequest(() -> JsonFields.integer(BODY, "text"));
        assertBadRequest(() -> JsonFields.integer(BODY, "flag"));
        ApiException big = assertBadRequest(() -> JsonFields.integer(BODY, "big"));
        assertTrue(big.getMessage().contains("out of range"), big.getMessage());
    }

    @Test
    void objectReads() {
        assertEquals("v", JsonFields.object(BODY, "object").getString("k"));
        assertNull(JsonFields.object(BODY, "absent"));
        assertNull(JsonFields.object(BODY, "nothing"));
        assertBadRequest(() -> JsonFields.object(BODY, "array"));
        assertBadRequest(() -> JsonFields.object(BODY, "text"));
    }

    @Test
    void timestampsWithAndWithoutOffset() {
        assertEquals(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                JsonFields.parseTimestamp("t", "2026-01-01T00:00:00"));
        assertEquals(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)),
                JsonFields.parseTimestamp("t", "2026-01-01T00:00:00-05:00"));
        assertEquals(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 500_000_000, ZoneOffset.UTC),
                JsonFields.parseTimestamp("t", "2026-01-01T00:00:00.5Z"));
        ApiException e = assertBadRequest(() -> JsonFields.parseTimestamp("expiration", "soon"));
        assertTrue(e.getMessage().contains("'expiration'"), e.getMessage());
        assertNull(JsonFields.timestamp("absent", null));
        assertBadRequest(() -> JsonFields.timestamp("text", "soon"));
    }
}
