package org.lockbox.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.container.ContainersIT.assertJsonError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/** Barbican's container consumers: {"name", "URL"} registered on a container, listed, and removed. */
class ContainerConsumersIT {

    private final String project = Tokens.newProject();
    private final String token = Tokens.token("alice", project, "creator");
    private final String container = Lockbox.path(Lockbox.postJson("/v1/containers", token, "{\"type\":\"generic\","
            + "\"name\":\"lb\"}").json().getString("container_ref"));
    private final String consumers = container + "/consumers";

    @Test
    void registersListsAndRemovesConsumers() {
        Reply registered = Lockbox.postJson(consumers, token, "{\"name\":\"octavia\",\"URL\":\"http://lb/1\"}");
        assertEquals(200, registered.status(), registered.toString());
        assertEquals(Lockbox.URL + consumers, registered.header("Location"));
        JsonObject body = registered.json();
        assertEquals(Lockbox.URL + container, body.getString("container_ref"), "the answer is the container");
        assertEquals("octavia", body.getJsonArray("consumers").getJsonObject(0).getString("name"));
        assertEquals("http://lb/1", body.getJsonArray("consumers").getJsonObject(0).getString("URL"));

        assertEquals(200, Lockbox.postJson(consumers, token, "{\"name\":\"octavia\",\"URL\":\"http://lb/1\"}").status(),
                "registering again is harmless");
        assertEquals(200, Lockbox.postJson(consumers, token, "{\"name\":\"octavia\",\"URL\":\"http://lb/2\"}").status());
        assertEquals(2, Lockbox.get(container, token).json().getJsonArray("consumers").size());

        JsonObject list = Lockbox.get(consumers, token).json();
        assertEquals(2, list.getInt("total"));
        JsonObject first = list.getJsonArray("consumers").getJsonObject(0);
        assertEquals("octavia", first.getString("name"));
        assertEquals("http://lb/1", first.getString("URL"));
        assertEquals("ACTIVE", first.getString("status"));
        assertTrue(first.containsKey("created") && first.containsKey("updated"));
        JsonObject page = Lockbox.get(consumers + "?limit=1", token).json();
        assertEquals(1, page.getJsonArray("consumers").size());
        assertTrue(page.getString("next").contains("/consumers?"), page.toString());

        Reply removed = Lockbox.deleteJson(consumers, token, "{\"name\":\"octavia\",\"URL\":\"http://lb/1\"}");
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(1, removed.json().getJsonArray("consumers").size());
        assertJsonError(404, Lockbox.deleteJson(consumers, token, "{\"name\":\"octavia\",\"URL\":\"http://lb/1\"}"));
        assertEquals(1, Lockbox.get(consumers, token).json().getInt("total"));
    }

    @Test
    void deletingTheContainerDeletesItsConsumers() throws SQLException {
        Lockbox.postJson(consumers, token, "{\"name\":\"octavia\",\"URL\":\"http://lb/1\"}");
        String id = container.substring(container.lastIndexOf('/') + 1);
        assertEquals(1, consumerRows(id));
        assertEquals(204, Lockbox.delete(container, token).status());
        assertEquals(0, consumerRows(id));
        assertJsonError(404, Lockbox.get(consumers, token));
    }

    @ParameterizedTest(name = "{0}: list {1}, register {2}, remove {3}")
    @CsvSource({
            "admin,    200, 200, 200",
            "creator,  200, 200, 200",
            "observer, 200, 200, 200",
            "audit,    200, 200, 200",
            "key-manager:service-admin, 200, 200, 200",
            "reader,   403, 403, 403",
            "nobody,   403, 403, 403"})
    void enforcesTheRoleTable(String role, int list, int register, int remove) {
        String caller = Tokens.token("user-" + role, project, role);
        Lockbox.postJson(consumers, token, "{\"name\":\"keep\",\"URL\":\"http://x\"}");
        assertEquals(list, Lockbox.get(consumers, caller).status(), "list");
        assertEquals(register, Lockbox.postJson(consumers, caller, "{\"name\":\"n\",\"URL\":\"http://y\"}").status(), "register");
        assertEquals(remove, Lockbox.deleteJson(consumers, caller, "{\"name\":\"keep\",\"URL\":\"http://x\"}").status(), "remove");
    }

    @Test
    void anotherProjectFindsNoContainer() {
        Lockbox.postJson(consumers, token, "{\"name\":\"keep\",\"URL\":\"http://x\"}");
        String intruder = Tokens.token("mallory", Tokens.newProject(), "admin");
        assertJsonError(404, Lockbox.get(consumers, intruder));
        assertJsonError(404, Lockbox.postJson(consumers, intruder, "{\"name\":\"n\",\"URL\":\"http://y\"}"));
        assertJsonError(404, Lockbox.deleteJson(consumers, intruder, "{\"name\":\"keep\",\"URL\":\"http://x\"}"));
        assertEquals(1, Lockbox.get(consumers, token).json().getInt("total"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"n\"}", "{\"URL\":\"http://x\"}", "{\"name\":\"\",\"URL\":\"http://x\"}",
            "{\"name\":\"n\",\"url\":\"http://x\"}", "{\"name\":7,\"URL\":\"http://x\"}",
            "{\"name\":\"0123456789012345678901234567890123456\",\"URL\":\"http://x\"}", "[]", "{"})
    void refusesBadConsumersAndWritesNothing(String body) {
        assertJsonError(400, Lockbox.postJson(consumers, token, body));
        assertJsonError(400, Lockbox.deleteJson(consumers, token, body));
        assertEquals(0, Lockbox.get(consumers, token).json().getInt("total"));
    }

    private static int consumerRows(String containerId) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM container_consumer WHERE container_id = ?")) {
            query.setString(1, containerId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
