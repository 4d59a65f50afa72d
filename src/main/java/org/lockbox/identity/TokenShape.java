package org.lockbox.identity;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** Tells tokens apart before any is trusted: Keystone's JWS tokens are ES256 JWTs, Fernet tokens are not JWTs. */
final class TokenShape {

    private TokenShape() {
    }

    /** The {@code alg} of a token shaped as a signed JWT, else null. Nothing is verified here. */
    static String jwtAlgorithm(String token) {
        int first = token.indexOf('.');
        if (first <= 0 || token.indexOf('.', first + 1) < 0 || first > 1024) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(new String(
                Base64.getUrlDecoder().decode(token.substring(0, first)), StandardCharsets.UTF_8)))) {
            JsonObject header = reader.readObject();
            return header.getString("alg", null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean isKeystoneJws(String token) {
        return "ES256".equals(jwtAlgorithm(token));
    }
}
