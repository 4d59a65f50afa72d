package org.lockbox.testing;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** One HTTP response from the server under test. */
public record Reply(int status, String contentType, byte[] body, HttpResponse<byte[]> raw) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(text()))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("Expected a JSON object but got status " + status + " with " + contentType
                    + ": " + text(), e);
        }
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    /** The id at the end of a reference such as {"secret_ref": ".../v1/secrets/ID"}. */
    public String refId(String field) {
        String ref = json().getString(field);
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + text();
    }
}
