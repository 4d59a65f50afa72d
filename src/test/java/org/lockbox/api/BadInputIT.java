package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Bad input gets a 4xx with Barbican's JSON body, and nothing is written. */
class BadInputIT {

    private final String token = Tokens.token("alice", Tokens.newProject(), "admin");

    @AfterEach
    void nothingWasWritten() {
        assertEquals(0, Lockbox.get("/v1/secrets", token).json().getInt("total"), "no secret was stored");
        assertEquals(0, Lockbox.get("/v1/orders", token).json().getInt("total"), "no order was stored");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"payload\": ",
            "not json at all",
            "[1, 2, 3]",
            "\"a string\"",
            "{\"name\": 42}",
            "{\"bit_length\": \"256\"}",
            "{\"bit_length\": 25.6}",
            "{\"bit_length\": 99999999999}",
            "{\"bit_length\": -1}",
            "{\"algorithm\": \"rot13\"}",
            "{\"secret_type\": \"password\"}",
            "{\"payload\": \"!!!not base64!!!\", \"payload_content_type\": \"application/octet-stream\", \"payload_content_encoding\": \"base64\"}",
            "{\"payload\": \"AAAA\", \"payload_content_type\": \"application/octet-stream\"}",
            "{\"payload\": \"AAAA\"}",
            "{\"payload\": \"\", \"payload_content_type\": \"text/plain\"}",
            "{\"payload\": \"AAAA\", \"payload_content_type\": \"application/x-unknown\", \"payload_content_encoding\": \"base64\"}",
            "{\"payload\": \"AAAA\", \"payload_content_type\": \"application/octet-stream\", \"payload_content_encoding\": \"rot13\"}",
            "{\"payload_content_type\": \"text/plain\"}",
            "{\"expiration\": \"tomorrow\"}"})
    void refusesMalformedOrInvalidSecrets(String body) {
        assertJsonError(400, Lockbox.postJson("/v1/secrets", token, body));
    }

    @Test
    void refusesAPayloadOverTheSecretSizeLimit() {
        String payload = Base64.getEncoder().encodeToString(new byte[10_001]);
        assertJsonError(413, Lockbox.postJson("/v1/secrets", token, "{\"payload\":\"" + payload
                + "\",\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"base64\"}"));
    }

    @Test
    void refusesAHugeBodyWithALength() {
        assertJsonError(413, Lockbox.postJson("/v1/secrets", token, "{\"name\":\"" + "x".repeat(2_000_000) + "\"}"));
    }

    @Test
    void refusesAHugeStreamedBody() {
        byte[] body = ("{\"name\":\"" + "x".repeat(200_000) + "\"}").getBytes();
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertJsonError(413, reply);
    }

    @Test
    void refusesAnUnsupportedMediaType() {
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets", token).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<secret/>")));
        assertJsonError(415, reply);
    }

    @Test
    void refusesAnUploadOfAnUnsupportedPayloadType() {
        String id = Lockbox.postJson("/v1/secrets", token, "{}").refId("secret_ref");
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets/" + id, token).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertJsonError(415, reply);
        Lockbox.delete("/v1/secrets/" + id, token);
    }

    /** Content type, body and content encoding of uploads that are bad in one way each: empty, not UTF-8, ... */
    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream||", "text/plain|\u00ff\u00fe|", "image/png|x|",
            "application/octet-stream|!!!not base64!!!|base64", "application/octet-stream|AAAA|rot13"})
    void anUploadToAnotherProjectsSecretIsRefusedWhateverItsBody(String upload) {
        String[] parts = upload.split("\\|", -1);
        String id = Lockbox.postJson("/v1/secrets", token, "{}").refId("secret_ref");
        String outsider = Tokens.token("mallory", Tokens.newProject(), "admin");

        assertJsonError(404, Lockbox.send(upload(id, outsider, parts)), "access is settled before the body is read");
        Reply own = Lockbox.send(upload(id, token, parts));
        assertTrue(own.status() == 400 || own.status() == 415, "the body is bad indeed: " + own);
        assertTrue(Lockbox.get("/v1/secrets/" + id, token).json().isNull("content_types"), "nothing was stored");
        Lockbox.delete("/v1/secrets/" + id, token);
    }

    private static HttpRequest.Builder upload(String id, String token, String[] parts) {
        HttpRequest.Builder put = Lockbox.request("/v1/secrets/" + id, token).header("Content-Type", parts[0]);
        if (!parts[2].isEmpty()) {
            put.header("Content-Encoding", parts[2]);
        }
        return put.PUT(HttpRequest.BodyPublishers.ofByteArray(parts[1].getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "json", "application", "/json", "application/json;charset", "a/b/c", "\"text/plain\""})
    void refusesAnEmptyOrMalformedContentType(String contentType) {
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets", token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"typed\"}")));
        assertJsonError(400, reply, "Content-Type '" + contentType + "'");
        assertTrue(reply.json().getString("description").contains("Content-Type"), reply.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "json", "application", "/json", "application/json;q", "a/b/c", "text/plain,,;"})
    void refusesAnEmptyOrMalformedAccept(String accept) {
        Reply list = Lockbox.send(Lockbox.request("/v1/secrets", token).header("Accept", accept).GET());
        assertJsonError(400, list, "Accept '" + accept + "'");
        assertTrue(list.json().getString("description").contains("Accept"), list.toString());
        String id = Lockbox.postJson("/v1/secrets", token, "{}").refId("secret_ref");
        Reply one = Lockbox.send(Lockbox.request("/v1/secrets/" + id, token).header("Accept", accept).GET());
        assertJsonError(400, one, "Accept '" + accept + "' on a secret");
        Lockbox.delete("/v1/secrets/" + id, token);
    }

    @Test
    void aWellFormedContentTypeAndAcceptStillWork() {
        Reply created = Lockbox.send(Lockbox.request("/v1/secrets", token)
                .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json, */*;q=0.5")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(201, created.status(), created.toString());
        Lockbox.delete("/v1/secrets/" + created.refId("secret_ref"), token);
    }

    @Test
    void answersUnknownPathsWithJson() {
        assertJsonError(404, Lockbox.get("/v1/no-such-collection", token));
        assertJsonError(404, Lockbox.get("/no/such/thing", token));
    }

    @Test
    void answersUnknownMethodsWithJson() {
        assertJsonError(405, Lockbox.send(Lockbox.request("/v1/secrets", token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"?limit=ten", "?offset=-1", "?bits=many", "?secret_type=password",
            "?created=soon:2020-01-01", "?created=gt:yesterday", "?sort=name:sideways", "?marker=nothing-here",
            "?marker=nothing-here&offset=0", "?marker=nothing-here&sort=name"})
    void refusesBadListParameters(String query) {
        assertJsonError(400, Lockbox.get("/v1/secrets" + query, token));
    }

    static void assertJsonError(int status, Reply reply) {
        assertJsonError(status, reply, "");
    }

    static void assertJsonError(int status, Reply reply, String why) {
        assertEquals(status, reply.status(), why + ": " + reply);
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(status, reply.json().getInt("code"));
        assertFalse(reply.json().getString("title").isBlank());
        assertFalse(reply.json().getString("description").isBlank());
        assertFalse(reply.text().contains("Exception"), "no stack trace or exception name: " + reply.text());
    }
}
