package org.lockbox.api;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Typed reads of request fields that answer 400 naming the field when its type is wrong. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The request body as a JSON object; anything else (nothing, an array, a scalar) is refused. */
    static JsonObject requireObject(JsonValue body) {
        if (!(body instanceof JsonObject object)) {
            throw ApiException.badRequest("A JSON object body is required.");
        }
        return object;
    }

    /** The string value, or null when absent or JSON null. */
    static String string(JsonObject body, String name, int maxLength) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw ApiException.badRequest("'" + name + "' must be a string.");
        }
        if (s.getString().length() > maxLength) {
            throw ApiException.badRequest("'" + name + "' is longer than " + maxLength + " characters.");
        }
        return s.getString();
    }

    /** The integer value, or null when absent or JSON null. */
    public static Integer integer(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw ApiException.badRequest("'" + name + "' must be an integer.");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badRequest("'" + name + "' is out of range.");
        }
    }

    /** The boolean value, or null when absent or JSON null. */
    static Boolean bool(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw ApiException.badRequest("'" + name + "' must be true or false.");
        };
    }

    static JsonObject object(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject o)) {
            throw ApiException.badRequest("'" + name + "' must be a JSON object.");
        }
        return o;
    }

    /** A JSON object stored as text by Lockbox itself (e.g. an order's meta). */
    public static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** A request field's time, or null when it is not given. */
    public static OffsetDateTime timestamp(String name, String text) {
        return text == null ? null : parseTimestamp(name, text);
    }

    /** ISO 8601 with or without an offset; without one it is UTC, as Barbican assumes. */
    public static OffsetDateTime parseTimestamp(String name, String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw ApiException.badRequest("'" + name + "' is not an ISO 8601 date and time.");
            }
        }
    }
}
