package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Keystone;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.TestRootOfTrust;

/** Readiness reports the database and the master keys, each UP, and whether Keystone answers. */
class HealthIT {

    @Test
    void isReadyWithDatabaseAndMasterKeysUp() {
        Reply reply = Lockbox.send(Lockbox.request("/health/ready").GET());
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("UP", reply.json().getString("status"));
        Map<String, JsonObject> checks = reply.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
        assertEquals("UP", checks.get("database").getString("status"));
        assertEquals(TestDatabase.postgres() ? "PostgreSQL" : "Apache Derby",
                checks.get("database").getJsonObject("data").getString("product"), "the server uses the database under test");
        assertEquals("UP", checks.get("master-keys").getString("status"));
        assertEquals(TestRootOfTrust.provider(), checks.get("master-keys").getJsonObject("data").getString("provider"));
    }

    @Test
    void reportsThatKeystoneAnswers() {
        Keystone.require();
        Reply reply = Lockbox.send(Lockbox.request("/health/ready").GET());
        assertEquals(200, reply.status(), reply.toString());
        JsonObject keystone = checks(reply).get("keystone");
        assertEquals("UP", keystone.getString("status"), reply.toString());
        JsonObject data = keystone.getJsonObject("data");
        assertEquals(true, data.getBoolean("configured"));
        assertEquals(true, data.getBoolean("reachable"), reply.toString());
        assertEquals(false, data.getBoolean("required"), "by default an unreachable Keystone does not gate readiness");
        assertEquals(Keystone.URL + "/v3", data.getString("url"));
    }

    static Map<String, JsonObject> checks(Reply reply) {
        return reply.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    }

    @Test
    void isLive() {
        assertEquals(200, Lockbox.send(Lockbox.request("/health/live").GET()).status());
    }
}
