package org.lockbox.acl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Barbican's read ACLs over HTTP: the default, replace, patch, remove, private resources and cross-project readers. */
class AclIT {

    private final String project = Tokens.newProject();
    private final String alice = Tokens.token("alice", project, "creator");
    private final String carol = Tokens.token("carol", project, "creator");
    private final String admin = Tokens.token("root", project, "admin");
    private final String observer = Tokens.token("olive", project, "observer");
    private final String auditor = Tokens.token("audrey", project, "audit");
    /** Users named on ACLs: unique to each test, since ACLs of other tests' secrets stay on the server. */
    private final String dave = "dave-" + UUID.randomUUID();
    private final String erin = "erin-" + UUID.randomUUID();
    private final String outsider = Tokens.token(dave, Tokens.newProject(), "creator");
    private final byte[] material = new byte[32];
    private final String secret;

    AclIT() {
        new SecureRandom().nextBytes(material);
        secret = Lockbox.storeBinary(alice, material, "\"name\":\"shared\"");
    }

    @Test
    void aSecretWithoutAnAclHasTheDefaultOne() {
        Reply acl = Lockbox.get(acl(secret), carol);
        assertEquals(200, acl.status(), acl.toString());
        assertEquals("{\"read\":{\"project-access\":true}}", acl.text());
        assertEquals(200, Lockbox.get(acl(secret), observer).status());
        assertEquals(403, Lockbox.get(acl(secret), auditor).status(), "Barbican's audit role may not read ACLs");
    }

    @Test
    void listedUsersReadFromAnotherProjectAndOthersDoNot() {
        assertEquals(404, Lockbox.get("/v1/secrets/" + secret, outsider).status());

        Reply put = Lockbox.putJson(acl(secret), alice, "{\"read\":{\"users\":[\"" + dave + "\",\"" + erin + "\"]}}");
        assertEquals(200, put.status(), put.toString());
        assertEquals(Lockbox.URL + "/v1/secrets/" + secret + "/acl", put.json().getString("acl_ref"));

        JsonObject read = Lockbox.get(acl(secret), alice).json().getJsonObject("read");
        assertEquals(List.of(dave, erin).stream().sorted().toList(), users(read));
        assertTrue(read.getBoolean("project-access"));
        assertTrue(read.getString("created").endsWith("+00:00"));

        assertEquals(200, Lockbox.get("/v1/secrets/" + secret, outsider).status());
        assertArrayEquals(material, Lockbox.payload(secret, outsider).body());
        assertEquals(200, Lockbox.payload(secret, carol).status(), "project access is still on");

        Reply listed = Lockbox.get("/v1/secrets?acl_only=true", outsider);
        assertEquals(200, listed.status(), listed.toString());
        assertEquals(1, listed.json().getInt("total"));
        assertEquals(Lockbox.URL + "/v1/secrets/" + secret,
                listed.json().getJsonArray("secrets").getJsonObject(0).getString("secret_ref"));

        assertEquals(404, Lockbox.get(acl(secret), outsider).status(), "an ACL reader may not read the ACL itself");
        assertEquals(404, Lockbox.delete("/v1/secrets/" + secret, outsider).status(), "nor delete the secret");
        assertEquals(404, Lockbox.putJson(acl(secret), outsider, "{\"read\":{\"users\":[\"" + dave + "\"]}}").status());
    }

    @Test
    void aPrivateSecretIsLeftToItsCreatorAdminsAndListedUsers() {
        assertEquals(200, Lockbox.putJson(acl(secret), alice,
                "{\"read\":{\"users\":[\"" + dave + "\"],\"project-access\":false}}").status());

        Reply refused = Lockbox.payload(secret, carol);
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.json().getString("description").contains("private"), refused.toString());
        assertEquals(403, Lockbox.get("/v1/secrets/" + secret, observer).status());
        assertEquals(403, Lockbox.delete("/v1/secrets/" + secret, carol).status(), "another creator may not delete it");

        assertArrayEquals(material, Lockbox.payload(secret, alice).body());
        assertArrayEquals(material, Lockbox.payload(secret, admin).body());
        assertArrayEquals(material, Lockbox.payload(secret, outsider).body());
        assertEquals(200, Lockbox.get("/v1/secrets/" + secret, alice).status());

        assertEquals(403, Lockbox.delete(acl(secret), carol).status(), "only the creator or an admin may remove the ACL");
        Reply removed = Lockbox.delete(acl(secret), admin);
        assertEquals(200, removed.status());
        assertEquals("null", removed.text(), "Barbican answers the JSON literal null, which its clients parse");
        assertTrue(removed.contentType().startsWith("application/json"), removed.toString());
        assertEquals("{\"read\":{\"project-access\":true}}", Lockbox.get(acl(secret), carol).text());
        assertEquals(200, Lockbox.payload(secret, carol).status(), "back to project access");
        assertEquals(404, Lockbox.payload(secret, outsider).status(), "and the listed user lost access");
        assertEquals(200, Lockbox.delete(acl(secret), admin).status(), "removing an absent ACL is not an error");
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        Lockbox.putJson(acl(secret), alice, "{\"read\":{\"users\":[\"" + dave + "\"]}}");
        assertEquals(200, Lockbox.patchJson(acl(secret), alice, "{\"read\":{\"project-access\":false}}").status());
        JsonObject read = Lockbox.get(acl(secret), alice).json().getJsonObject("read");
        assertEquals(List.of(dave), users(read));
        assertFalse(read.getBoolean("project-access"));

        assertEquals(200, Lockbox.patchJson(acl(secret), admin, "{\"read\":{\"users\":[\"" + erin + "\"]}}").status());
        read = Lockbox.get(acl(secret), alice).json().getJsonObject("read");
        assertEquals(List.of(erin), users(read));
        assertFalse(read.getBoolean("project-access"));

        Reply other = Lockbox.patchJson(acl(secret), carol, "{\"read\":{\"users\":[\"carol\"]}}");
        assertEquals(403, other.status(), "only the creator or an admin may change an ACL: " + other);
    }

    @Test
    void replaceResetsWhatItDoesNotName() {
        Lockbox.putJson(acl(secret), alice, "{\"read\":{\"users\":[\"" + dave + "\"],\"project-access\":false}}");
        Lockbox.putJson(acl(secret), alice, "{\"read\":{}}");
        JsonObject read = Lockbox.get(acl(secret), alice).json().getJsonObject("read");
        assertEquals(List.of(), users(read));
        assertTrue(read.getBoolean("project-access"));
    }

    @Test
    void containersHaveAclsToo() {
        Reply created = Lockbox.postJson("/v1/containers", alice, "{\"type\":\"generic\",\"name\":\"c\"}");
        String container = Lockbox.path(created.json().getString("container_ref"));
        assertEquals(404, Lockbox.get(container, outsider).status());
        assertEquals(200, Lockbox.putJson(container + "/acl", alice,
                "{\"read\":{\"users\":[\"" + dave + "\"],\"project-access\":false}}").status());
        assertEquals(200, Lockbox.get(container, outsider).status());
        assertEquals(403, Lockbox.get(container, carol).status());
        assertEquals(200, Lockbox.get(container, admin).status());
        assertEquals(List.of(dave), users(Lockbox.get(container + "/acl", alice).json().getJsonObject("read")));
        Reply removed = Lockbox.delete(container + "/acl", alice);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals("null", removed.text(), "as for secrets, the JSON literal null");
        assertEquals(404, Lockbox.get(container, outsider).status(), "the listed user lost access with the ACL");
        assertEquals(204, Lockbox.delete(container, alice).status());
        assertEquals(404, Lockbox.get(container + "/acl", alice).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"write\":{\"users\":[]}}", "{\"read\":{\"users\":\"dave\"}}",
            "{\"read\":{\"users\":[1]}}", "{\"read\":{\"users\":[\"\"]}}", "{\"read\":{\"project-access\":\"no\"}}",
            "{\"read\":{\"groups\":[]}}", "{\"read\":[]}", "[]", "{\"read\":"})
    void refusesBadAclsAndChangesNothing(String body) {
        Lockbox.putJson(acl(secret), alice, "{\"read\":{\"users\":[\"" + dave + "\"]}}");
        String before = Lockbox.get(acl(secret), alice).text();
        for (Reply reply : List.of(Lockbox.putJson(acl(secret), alice, body), Lockbox.patchJson(acl(secret), alice, body))) {
            assertEquals(400, reply.status(), reply.toString());
            assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        }
        assertEquals(before, Lockbox.get(acl(secret), alice).text());
    }

    @Test
    void aDeletedSecretTakesItsAclWithIt() {
        Lockbox.putJson(acl(secret), alice, "{\"read\":{\"users\":[\"" + dave + "\"]}}");
        assertEquals(204, Lockbox.delete("/v1/secrets/" + secret, alice).status());
        assertEquals(404, Lockbox.get(acl(secret), alice).status());
        assertEquals(0, Lockbox.get("/v1/secrets?acl_only=true", outsider).json().getInt("total"));
    }

    private static String acl(String secretId) {
        return "/v1/secrets/" + secretId + "/acl";
    }

    private static List<String> users(JsonObject read) {
        return read.getJsonArray("users").getValuesAs(JsonString.class).stream().map(JsonString::getString).sorted()
                .toList();
    }
}
