package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Barbican's microversions over HTTP: the OpenStack-API-Version header asks, the response says what was served. */
class ApiVersionIT {

    private final String token = Tokens.token("alice", Tokens.newProject(), "creator");

    @ParameterizedTest(name = "\"{0}\" is served as \"{1}\"")
    @CsvSource({
            "key-manager 1.0, key-manager 1.0",
            "key-manager 1.1, key-manager 1.1",
            "key-manager latest, key-manager 1.1",
            "KEY-MANAGER 1.1, key-manager 1.1",
            "'compute 2.1, key-manager 1.1', key-manager 1.1",
            "compute 2.90, key-manager 1.0"})
    void servesTheRequestedVersion(String requested, String served) {
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets", token).header("OpenStack-API-Version", requested).GET());
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(served, reply.header("OpenStack-API-Version"));
        assertTrue(reply.header("Vary").contains("OpenStack-API-Version"), reply.header("Vary"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-manager 1.2", "key-manager 2.0", "key-manager one", "key-manager", "key-manager 1.1 1.0"})
    void refusesVersionsItDoesNotHave(String requested) {
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets", token).header("OpenStack-API-Version", requested).GET());
        assertEquals(406, reply.status(), reply.toString());
        assertEquals(406, reply.json().getInt("code"));
        assertTrue(reply.json().getString("description").contains("1.1"), reply.toString());
    }

    @Test
    void discoveryAdvertisesVersionOneOne() {
        JsonObject v1 = Lockbox.send(Lockbox.request("/v1").GET()).json().getJsonObject("version");
        assertEquals("1.0", v1.getString("min_version"));
        assertEquals("1.1", v1.getString("max_version"));
        JsonObject root = Lockbox.send(Lockbox.request("/").GET()).json().getJsonObject("versions")
                .getJsonArray("values").getJsonObject(0);
        assertEquals("1.1", root.getString("max_version"));
    }
}
