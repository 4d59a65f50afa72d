package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.TestRootOfTrust;

/** Readiness reports the database and the master keys, each UP. */
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
    void isLive() {
        assertEquals(200, Lockbox.send(Lockbox.request("/health/live").GET()).status());
    }
}
