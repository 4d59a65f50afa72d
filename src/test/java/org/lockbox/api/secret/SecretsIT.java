package org.lockbox.api.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** The secret life cycle over HTTP, with Barbican's JSON and status codes. */
class SecretsIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String token = Tokens.token("alice", Tokens.newProject(), "creator");

    @Test
    void storesABase64KeyAndReturnsTheSameBytes() {
        byte[] key = random(32);
        String id = Lockbox.storeBinary(token, key,
                "\"name\":\"volume-key\",\"algorithm\":\"aes\",\"bit_length\":256,\"mode\":\"xts\",\"secret_type\":\"symmetric\"");

        Reply payload = Lockbox.send(Lockbox.request("/v1/secrets/" + id + "/payload", token)
                .header("Accept", "application/octet-stream").GET());
        assertEquals(200, payload.status(), payload.toString());
        assertEquals("application/octet-stream", payload.contentType());
        assertEquals("no-store", payload.header("Cache-Control"));
        assertArrayEquals(key, payload.body());
    }

    @Test
    void describesASecretWithBarbicansFields() {
        String id = Lockbox.storeBinary(token, random(32),
                "\"name\":\"k\",\"algorithm\":\"aes\",\"bit_length\":256,\"mode\":\"cbc\",\"secret_type\":\"symmetric\","
                        + "\"expiration\":\"2099-01-01T00:00:00Z\"");
        Reply reply = Lockbox.get("/v1/secrets/" + id, token);
        assertEquals(200, reply.status(), reply.toString());
        JsonObject secret = reply.json();
        assertEquals("k", secret.getString("name"));
        assertEquals("symmetric", secret.getString("secret_type"));
        assertEquals("aes", secret.getString("algorithm"));
        assertEquals(256, secret.getInt("bit_length"));
        assertEquals("cbc", secret.getString("mode"));
        assertEquals("ACTIVE", secret.getString("status"));
        assertEquals("alice", secret.getString("creator_id"));
        assertTrue(secret.getString("expiration").startsWith("2099-01-01T00:00:00"));
        assertEquals("application/octet-stream", secret.getJsonObject("content_types").getString("default"));
        assertEquals(Lockbox.URL + "/v1/secrets/" + id, secret.getString("secret_ref"));
        assertTrue(secret.containsKey("created") && secret.containsKey("updated"));
    }

    @Test
    void storesTextPayloadsAsText() {
        Reply created = Lockbox.postJson("/v1/secrets", token,
                "{\"payload\":\"correct horse battery staple ✓\",\"payload_content_type\":\"text/plain\","
                        + "\"secret_type\":\"passphrase\"}");
        assertEquals(201, created.status(), created.toString());
        Reply payload = Lockbox.send(Lockbox.request("/v1/secrets/" + created.refId("secret_ref") + "/payload", token)
                .header("Accept", "text/plain").GET());
        assertEquals(200, payload.status(), payload.toString());
        assertTrue(payload.contentType().startsWith("text/plain"));
        assertEquals("correct horse battery staple ✓", payload.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"symmetric", "public", "private", "passphrase", "certificate", "opaque"})
    void acceptsEverySecretType(String type) {
        String id = Lockbox.storeBinary(token, random(48), "\"secret_type\":\"" + type + "\"");
        assertEquals(type, Lockbox.get("/v1/secrets/" + id, token).json().getString("secret_type"));
    }

    @Test
    void createsAnEmptySecretAndTakesItsPayloadOnceWithPut() {
        Reply created = Lockbox.postJson("/v1/secrets", token, "{\"name\":\"later\",\"secret_type\":\"opaque\"}");
        assertEquals(201, created.status(), created.toString());
        String id = created.refId("secret_ref");
        JsonObject before = Lockbox.get("/v1/secrets/" + id, token).json();
        assertTrue(before.isNull("content_types"), before.toString());
        assertEquals(404, Lockbox.get("/v1/secrets/" + id + "/payload", token).status());

        byte[] material = random(16);
        Reply put = Lockbox.send(Lockbox.request("/v1/secrets/" + id, token)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(material)));
        assertEquals(204, put.status(), put.toString());
        assertArrayEquals(material, Lockbox.get("/v1/secrets/" + id + "/payload", token).body());

        Reply again = Lockbox.send(Lockbox.request("/v1/secrets/" + id, token)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(random(16))));
        assertEquals(409, again.status(), again.toString());
        assertArrayEquals(material, Lockbox.get("/v1/secrets/" + id + "/payload", token).body());
    }

    @Test
    void takesABase64PayloadWithPutWhenContentEncodingSaysSo() {
        String id = Lockbox.postJson("/v1/secrets", token, "{}").refId("secret_ref");
        byte[] material = random(24);
        Reply put = Lockbox.send(Lockbox.request("/v1/secrets/" + id, token)
                .header("Content-Type", "application/octet-stream").header("Content-Encoding", "base64")
                .PUT(HttpRequest.BodyPublishers.ofString(Base64.getEncoder().encodeToString(material))));
        assertEquals(204, put.status(), put.toString());
        assertArrayEquals(material, Lockbox.get("/v1/secrets/" + id + "/payload", token).body());
    }

    @Test
    void negotiatesThePayloadTypeWithAccept() {
        String id = Lockbox.storeBinary(token, random(32), "");
        Reply wrongType = Lockbox.send(Lockbox.request("/v1/secrets/" + id + "/payload", token)
                .header("Accept", "text/plain").GET());
        assertEquals(406, wrongType.status(), wrongType.toString());
        assertEquals(406, wrongType.json().getInt("code"));
        Reply anyType = Lockbox.send(Lockbox.request("/v1/secrets/" + id + "/payload", token)
                .header("Accept", "*/*").GET());
        assertEquals(200, anyType.status());
    }

    @Test
    void servesThePayloadFromTheSecretItselfToOlderClients() {
        byte[] key = random(32);
        String id = Lockbox.storeBinary(token, key, "");
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets/" + id, token)
                .header("Accept", "application/octet-stream").GET());
        assertEquals(200, reply.status(), reply.toString());
        assertArrayEquals(key, reply.body());
    }

    @Test
    void deletesASecret() {
        String id = Lockbox.storeBinary(token, random(32), "");
        assertEquals(204, Lockbox.delete("/v1/secrets/" + id, token).status());
        assertEquals(404, Lockbox.get("/v1/secrets/" + id, token).status());
        assertEquals(404, Lockbox.get("/v1/secrets/" + id + "/payload", token).status());
        assertEquals(404, Lockbox.delete("/v1/secrets/" + id, token).status());
    }

    @Test
    void refusesAnExpirationInThePast() {
        Reply reply = Lockbox.postJson("/v1/secrets", token, "{\"expiration\":\"2001-01-01T00:00:00Z\"}");
        assertEquals(400, reply.status(), reply.toString());
    }

    @Test
    void answersNotFoundForAnUnknownSecret() {
        Reply reply = Lockbox.get("/v1/secrets/00000000-0000-0000-0000-000000000000", token);
        assertEquals(404, reply.status());
        assertEquals("Not Found", reply.json().getString("title"));
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
