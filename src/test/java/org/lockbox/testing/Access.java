package org.lockbox.testing;

import java.net.http.HttpRequest;
import java.util.Base64;

/** Requests of Lockbox's access-control tests: a user's token, optionally beside a service user's X-Service-Token. */
public final class Access {

    private Access() {
    }

    /** The JSON of a new binary secret with a payload, plus extra fields. */
    public static String secretJson(byte[] material, String extraJsonFields) {
        return "{\"payload\":\"" + Base64.getEncoder().encodeToString(material) + "\","
                + "\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"base64\""
                + (extraJsonFields == null || extraJsonFields.isEmpty() ? "" : "," + extraJsonFields) + "}";
    }

    /** A request with a user's token and, unless {@code serviceToken} is null, a service token beside it. */
    public static HttpRequest.Builder request(String path, String token, String serviceToken) {
        HttpRequest.Builder request = Lockbox.request(path, token);
        return serviceToken == null ? request : request.header("X-Service-Token", serviceToken);
    }

    public static Reply get(String path, String token, String serviceToken) {
        return Lockbox.send(request(path, token, serviceToken).GET());
    }

    public static Reply post(String path, String token, String serviceToken, String json) {
        return Lockbox.send(request(path, token, serviceToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply put(String path, String token, String serviceToken, String json) {
        return Lockbox.send(request(path, token, serviceToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply delete(String path, String token, String serviceToken) {
        return Lockbox.send(request(path, token, serviceToken).DELETE());
    }

    /** Stores a secret (201 expected) and returns its id. */
    public static String store(String token, String serviceToken, byte[] material, String extraJsonFields) {
        Reply reply = post("/v1/secrets", token, serviceToken, secretJson(material, extraJsonFields));
        if (reply.status() != 201) {
            throw new AssertionError("Storing a secret failed: " + reply);
        }
        return reply.refId("secret_ref");
    }

    /** The payload as stored, read with the given tokens. */
    public static Reply payload(String id, String token, String serviceToken) {
        return Lockbox.send(request("/v1/secrets/" + id + "/payload", token, serviceToken)
                .header("Accept", "application/octet-stream").GET());
    }
}
