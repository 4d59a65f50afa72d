package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;

class VersionIT {

    @Test
    void rootListsVersionOneWithMultipleChoicesAndNoToken() {
        Reply reply = Lockbox.send(Lockbox.request("/").GET());
        assertEquals(300, reply.status(), reply.toString());
        JsonObject v1 = reply.json().getJsonObject("versions").getJsonArray("values").getJsonObject(0);
        assertEquals("v1", v1.getString("id"));
        assertEquals("CURRENT", v1.getString("status"));
        assertTrue(v1.getJsonArray("links").getJsonObject(0).getString("href").endsWith("/v1/"));
        assertEquals("key-manager 1.0", reply.header("OpenStack-API-Version"));
    }

    @Test
    void versionOneDescribesItself() {
        Reply reply = Lockbox.send(Lockbox.request("/v1").GET());
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("v1", reply.json().getJsonObject("version").getString("id"));
        assertTrue(reply.header("x-openstack-request-id").startsWith("req-"));
    }
}
