package org.lockbox.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Key groups over HTTP: made, listed, shown with their keys, changed, deleted once empty, kept to their project. */
class KeyGroupsIT {

    private final String project = Tokens.newProject();
    private final String alice = Tokens.token("alice", project, "creator");

    @Test
    void groupsKeysAndShowsThem() {
        String a = Lockbox.secretRef(alice, "a");
        String b = Lockbox.secretRef(alice, "b");
        Reply created = Lockbox.postJson("/v1/lockbox/groups", alice,
                "{\"name\":\"volume-7\",\"secret_refs\":[\"" + a + "\",\"" + b + "\"]}");
        assertEquals(201, created.status(), created.toString());
        String group = created.json().getString("group_ref");
        assertEquals(group, created.header("Location"));

        JsonObject shown = Lockbox.get(Lockbox.path(group), alice).json();
        assertEquals("volume-7", shown.getString("name"));
        assertEquals(2, shown.getInt("size"));
        assertEquals(a, shown.getJsonArray("secrets").getJsonObject(0).getString("secret_ref"));
        assertEquals(group, Lockbox.get(Lockbox.path(a), alice).json().getString("group_ref"));

        JsonObject listed = Lockbox.get("/v1/lockbox/groups", alice).json();
        assertEquals(1, listed.getInt("total"));
        assertEquals(2, listed.getJsonArray("groups").getJsonObject(0).getInt("size"));
        assertEquals(200, Lockbox.get("/v1/lockbox/groups", Tokens.token("olive", project, "observer")).status());
    }

    @Test
    void aKeyBelongsToOneGroupAndAGroupIsDeletedOnlyEmpty() {
        String a = Lockbox.secretRef(alice, "a");
        String first = group("{\"name\":\"one\",\"secret_refs\":[\"" + a + "\"]}");
        String second = group("{\"name\":\"two\"}");
        Reply conflict = Lockbox.postJson(Lockbox.path(second) + "/secrets", alice, "{\"secret_ref\":\"" + a + "\"}");
        assertEquals(409, conflict.status(), conflict.toString());

        assertEquals(409, Lockbox.delete(Lockbox.path(first), alice).status());
        String secretId = a.substring(a.lastIndexOf('/') + 1);
        assertEquals(204, Lockbox.delete(Lockbox.path(first) + "/secrets/" + secretId, alice).status());
        assertEquals(404, Lockbox.delete(Lockbox.path(first) + "/secrets/" + secretId, alice).status());
        assertEquals(201, Lockbox.postJson(Lockbox.path(second) + "/secrets", alice,
                "{\"secret_ref\":\"" + a + "\"}").status());
        assertEquals(204, Lockbox.delete(Lockbox.path(first), alice).status());
        assertEquals(404, Lockbox.get(Lockbox.path(first), alice).status());
        assertEquals(200, Lockbox.get(Lockbox.path(a), alice).status(), "keys outlive their groups");
    }

    @Test
    void groupsStayInTheirProject() {
        String group = group("{\"name\":\"mine\"}");
        String mallory = Tokens.token("mallory", Tokens.newProject(), "admin");
        assertEquals(404, Lockbox.get(Lockbox.path(group), mallory).status());
        assertEquals(404, Lockbox.delete(Lockbox.path(group), mallory).status());
        String theirs = Lockbox.secretRef(mallory, "theirs");
        Reply foreign = Lockbox.postJson(Lockbox.path(group) + "/secrets", alice, "{\"secret_ref\":\"" + theirs + "\"}");
        assertEquals(404, foreign.status(), "another project's key cannot join: " + foreign);
        assertEquals(403, Lockbox.postJson("/v1/lockbox/groups", Tokens.token("olive", project, "observer"),
                "{\"name\":\"x\"}").status());
    }

    @Test
    void refusesBadInputAndMakesNothing() {
        for (String body : new String[]{"{\"name\":3}", "{\"secret_refs\":\"x\"}", "{\"secret_refs\":[5]}",
                "{\"secret_refs\":[\"http://elsewhere/v1/secrets/x\"]}", "[]", "{"}) {
            Reply reply = Lockbox.postJson("/v1/lockbox/groups", alice, body);
            assertEquals(400, reply.status(), body + " -> " + reply);
            assertTrue(reply.contentType().startsWith("application/json"));
        }
        assertEquals(0, Lockbox.get("/v1/lockbox/groups", alice).json().getInt("total"));
    }

    private String group(String body) {
        Reply created = Lockbox.postJson("/v1/lockbox/groups", alice, body);
        assertEquals(201, created.status(), created.toString());
        return created.json().getString("group_ref");
    }
}
