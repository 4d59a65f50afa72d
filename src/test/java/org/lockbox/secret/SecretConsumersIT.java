package org.lockbox.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Secret consumers (API 1.1): registered, listed, removed, and a consumed secret kept unless forced. */
class SecretConsumersIT {

    private static final String V11 = "key-manager 1.1";
    private static final String IMAGE = "{\"service\":\"image\",\"resource_type\":\"image\",\"resource_id\":\"img-1\"}";
    private static final String VOLUME = "{\"service\":\"volume\",\"resource_type\":\"volume\",\"resource_id\":\"vol-1\"}";

    private final String project = Tokens.newProject();
    private final String token = Tokens.token("alice", project, "creator");
    private final String secret = Lockbox.path(Lockbox.secretRef(token, "disk-key"));
    private final String consumers = secret + "/consumers";

    @Test
    void registersListsAndRemovesConsumers() {
        Reply registered = post(consumers, token, IMAGE);
        assertEquals(200, registered.status(), registered.toString());
        assertEquals(V11, registered.header("OpenStack-API-Version"));
        JsonObject body = registered.json();
        assertEquals(Lockbox.URL + secret, body.getString("secret_ref"), "the answer is the secret");
        JsonObject consumer = body.getJsonArray("consumers").getJsonObject(0);
        assertEquals("image", consumer.getString("service"));
        assertEquals("image", consumer.getString("resource_type"));
        assertEquals("img-1", consumer.getString("resource_id"));

        assertEquals(200, post(consumers, token, IMAGE).status(), "registering again is harmless");
        assertEquals(200, post(consumers, token, VOLUME).status());

        JsonObject list = get(consumers, token).json();
        assertEquals(2, list.getInt("total"));
        JsonObject first = list.getJsonArray("consumers").getJsonObject(0);
        assertEquals("img-1", first.getString("resource_id"));
        assertEquals("ACTIVE", first.getString("status"));
        assertTrue(first.getString("created").endsWith("+00:00"));
        JsonObject page = get(consumers + "?limit=1&offset=1", token).json();
        assertEquals("vol-1", page.getJsonArray("consumers").getJsonObject(0).getString("resource_id"));
        assertTrue(page.getString("previous").contains("/consumers?"), page.toString());

        Reply removed = delete(consumers, token, IMAGE);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(1, removed.json().getJsonArray("consumers").size());
        assertJsonError(404, delete(consumers, token, IMAGE));
        assertEquals(1, get(consumers, token).json().getInt("total"));
    }

    @Test
    void theSecretShowsItsConsumersOnlyFromVersionOneOne() {
        post(consumers, token, IMAGE);
        JsonObject v11 = get(secret, token).json();
        assertEquals("img-1", v11.getJsonArray("consumers").getJsonObject(0).getString("resource_id"));
        JsonObject latest = Lockbox.send(Lockbox.request(secret, token).header("OpenStack-API-Version",
                "key-manager latest").GET()).json();
        assertEquals(1, latest.getJsonArray("consumers").size());
        Reply v10 = Lockbox.get(secret, token);
        assertEquals("key-manager 1.0", v10.header("OpenStack-API-Version"));
        assertFalse(v10.json().containsKey("consumers"), "API 1.0 has no consumers");
        assertFalse(Lockbox.get("/v1/secrets", token).json().getJsonArray("secrets").getJsonObject(0)
                .containsKey("consumers"));
        assertEquals(1, get("/v1/secrets", token).json().getJsonArray("secrets").getJsonObject(0)
                .getJsonArray("consumers").size());
    }

    @Test
    void consumersAreNotThereBeforeVersionOneOne() {
        assertJsonError(404, Lockbox.get(consumers, token));
        assertJsonError(404, Lockbox.postJson(consumers, token, IMAGE));
        assertJsonError(404, Lockbox.deleteJson(consumers, token, IMAGE));
        assertEquals(0, get(consumers, token).json().getInt("total"), "nothing was registered");
    }

    @Test
    void aConsumedSecretIsDeletedOnlyWithForce() {
        post(consumers, token, IMAGE);
        assertJsonError(409, Lockbox.delete(secret, token));
        assertJsonError(409, Lockbox.delete(secret + "?force=false", token));
        assertJsonError(400, Lockbox.delete(secret + "?force=maybe", token));
        assertEquals(200, Lockbox.get(secret + "/payload", token).status(), "the secret is kept");

        delete(consumers, token, IMAGE);
        String other = Lockbox.path(Lockbox.secretRef(token, "other"));
        assertEquals(204, Lockbox.delete(secret, token).status(), "without consumers it goes");
        post(other + "/consumers", token, VOLUME);
        assertEquals(204, Lockbox.delete(other + "?force=true", token).status(), "with force it goes");
        assertEquals(404, Lockbox.get(other, token).status());
    }

    @ParameterizedTest(name = "{0}: list {1}, register {2}, remove {3}")
    @CsvSource({
            "admin,    200, 200, 200",
            "creator,  200, 200, 200",
            "member,   200, 200, 200",
            "observer, 200, 200, 200",
            "audit,    200, 200, 200",
            "key-manager:service-admin, 200, 200, 200",
            "reader,   403, 403, 403",
            "nobody,   403, 403, 403"})
    void enforcesTheRoleTable(String role, int list, int register, int remove) {
        String caller = Tokens.token("user-" + role, project, role);
        post(consumers, token, IMAGE);
        assertEquals(list, get(consumers, caller).status(), "list");
        assertEquals(register, post(consumers, caller, VOLUME).status(), "register");
        assertEquals(remove, delete(consumers, caller, IMAGE).status(), "remove");
    }

    @Test
    void anotherProjectFindsNoSecret() {
        post(consumers, token, IMAGE);
        String intruder = Tokens.token("mallory", Tokens.newProject(), "admin");
        assertJsonError(404, get(consumers, intruder));
        assertJsonError(404, post(consumers, intruder, VOLUME));
        assertJsonError(404, delete(consumers, intruder, IMAGE));
        assertJsonError(404, Lockbox.delete(secret + "?force=true", intruder));
        assertEquals(1, get(consumers, token).json().getInt("total"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{", "{\"service\":\"image\",\"resource_type\":\"image\"}",
            "{\"service\":\"\",\"resource_type\":\"image\",\"resource_id\":\"x\"}",
            "{\"service\":1,\"resource_type\":\"image\",\"resource_id\":\"x\"}",
            "{\"service\":\"image\",\"resource_type\":\"image\",\"resource_id\":[\"x\"]}"})
    void refusesBadConsumersAndWritesNothing(String body) {
        assertJsonError(400, post(consumers, token, body));
        assertJsonError(400, delete(consumers, token, body));
        assertEquals(0, get(consumers, token).json().getInt("total"));
    }

    @Test
    void refusesAServiceNameOverTheLimit() {
        String body = "{\"service\":\"" + "s".repeat(256) + "\",\"resource_type\":\"image\",\"resource_id\":\"x\"}";
        assertJsonError(400, post(consumers, token, body));
        assertEquals(0, get(consumers, token).json().getInt("total"));
    }

    static Reply get(String path, String token) {
        return Lockbox.send(Lockbox.request(path, token).header("OpenStack-API-Version", V11).GET());
    }

    static Reply post(String path, String token, String json) {
        return Lockbox.send(Lockbox.request(path, token).header("OpenStack-API-Version", V11)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Reply delete(String path, String token, String json) {
        return Lockbox.send(Lockbox.request(path, token).header("OpenStack-API-Version", V11)
                .header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    static void assertJsonError(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(status, reply.json().getInt("code"));
    }
}
