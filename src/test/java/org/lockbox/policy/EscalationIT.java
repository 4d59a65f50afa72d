package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Access;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * The denial matrix's escalation sequences against the running server: each tries to widen who can
 * read a key through an ACL, a grant, a clone, a key group, a consumer or the inventory. Every step
 * answers 403 or 404 with Barbican's JSON error body, leaks nothing of the key, and changes nothing;
 * the key's own user, who reads it by right, may do what the others may not.
 */
class EscalationIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String project = Tokens.newProject();
    private final String domain = "dom-" + project;
    private final String alice = Tokens.tokenInDomain("alice", project, domain, "creator");
    private final String bobAdmin = Tokens.tokenInDomain("bob", project, domain, "admin");
    private final String cinder = Tokens.serviceUserToken("cinder");

    private static byte[] material() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A refusal: 403 or 404, Barbican's body, and none of the key's secrets in it. */
    private static void refused(Reply reply, String step, String... secrets) {
        assertTrue(reply.status() == 403 || reply.status() == 404, step + ": " + reply);
        assertEquals(reply.status(), reply.json().getInt("code"), step + ": Barbican's JSON error body");
        for (String secret : secrets) {
            assertFalse(reply.text().contains(secret), step + " leaks '" + secret + "': " + reply.text());
        }
    }

    private static String acl(List<String> users, boolean projectAccess) {
        return "{\"read\":{\"users\":[" + String.join(",", users.stream().map(u -> "\"" + u + "\"").toList())
                + "],\"project-access\":" + projectAccess + "}}";
    }

    private static Reply patch(String path, String token, String json) {
        return Lockbox.patchJson(path, token, json);
    }

    @Test
    void theProjectsAdminCannotOpenAUsersKeyToHimselfOrAnyoneElse() {
        byte[] material = material();
        String encoded = Base64.getEncoder().encodeToString(material);
        String name = "diary-" + project;
        String id = Access.store(alice, null, material, "\"name\":\"" + name + "\",\"scope\":\"user\"");
        String acl = "/v1/secrets/" + id + "/acl";
        String mallory = Tokens.token("mallory", Tokens.newProject(), "admin");
        refused(Access.payload(id, bobAdmin, null), "the admin reads a user key", encoded);

        refused(Lockbox.putJson(acl, bobAdmin, acl(List.of("bob"), true)), "the admin lists himself", encoded);
        refused(patch(acl, bobAdmin, acl(List.of("bob"), true)), "the admin lists himself by PATCH", encoded);
        refused(Lockbox.putJson(acl, bobAdmin, acl(List.of("mallory"), true)), "the admin lists an outsider",
                encoded);
        refused(Access.post("/v1/lockbox/grants", bobAdmin, null, "{\"service\":\"compute\",\"access\":\"read\","
                + "\"secret_id\":\"" + id + "\",\"grantee\":\"nova\"}"), "the admin delegates it", encoded);
        refused(Access.post("/v1/lockbox/grants", bobAdmin, cinder, "{\"service\":\"image\",\"access\":\"read\","
                + "\"secret_id\":\"" + id + "\"}"), "the admin grants a service", encoded);
        refused(Lockbox.postJson("/v1/lockbox/secrets/" + id + "/clone", bobAdmin, "{\"name\":\"mine\"}"),
                "the admin clones it", encoded);

        refused(Access.payload(id, bobAdmin, null), "nothing changed for the admin", encoded, name);
        refused(Access.payload(id, mallory, null), "nothing changed for the outsider", encoded, name, id);
        refused(Access.payload(id, Tokens.trustToken("nova", "bob", project, false, null, "reader"),
                Tokens.serviceUserToken("nova")), "nor for nova under a trust from the admin", encoded, name);
        assertEquals(0, Lockbox.get("/v1/lockbox/grants?secret_id=" + id, bobAdmin).json().getInt("total"));
        JsonObject unchanged = Lockbox.get(acl, alice).json();
        assertFalse(unchanged.toString().contains("bob") || unchanged.toString().contains("mallory"), unchanged.toString());

        // Its own user may, and may then pass it on.
        assertEquals(200, Lockbox.putJson(acl, alice, acl(List.of("bob"), true)).status());
        assertArrayEquals(material, Access.payload(id, bobAdmin, null).body(), "named by the key's user");
        assertEquals(200, Lockbox.putJson(acl, bobAdmin, acl(List.of(), true)).status(),
                "the admin may still narrow it");
        refused(Access.payload(id, bobAdmin, null), "narrowed again", encoded);
    }

    @Test
    void aListedReaderCannotPassTheKeyOnAndAServiceGrantNeedsTheOwningService() {
        byte[] material = material();
        String encoded = Base64.getEncoder().encodeToString(material);
        String id = Access.store(alice, cinder, material, "");
        String zed = Tokens.token("zed", Tokens.newProject(), "admin");
        refused(Lockbox.putJson("/v1/secrets/" + id + "/acl", bobAdmin, acl(List.of("zed"), true)),
                "the admin may change the volume's key but not read it, so he cannot list zed", encoded);
        refused(Lockbox.putJson("/v1/secrets/" + id + "/acl", alice, acl(List.of("zed"), true)),
                "alice alone cannot read the volume's key, so she cannot list zed", encoded);
        assertEquals(200, Access.put("/v1/secrets/" + id + "/acl", alice, cinder, acl(List.of("zed"), true)).status(),
                "through the volume service she can");
        refused(Access.put("/v1/secrets/" + id + "/acl", zed, cinder, acl(List.of("zed", "mallory"), true)),
                "a listed reader does not change the ACL", encoded);
        refused(Lockbox.postJson("/v1/lockbox/grants", bobAdmin, "{\"service\":\"image\",\"access\":\"read\"}"),
                "a project-wide read grant without the owning service", encoded);
        refused(Lockbox.postJson("/v1/lockbox/grants", bobAdmin, "{\"service\":\"image\",\"access\":\"read\","
                + "\"secret_id\":\"" + id + "\"}"), "a read grant on the key without the owning service", encoded);
        refused(Access.payload(id, alice, Tokens.serviceUserToken("glance")), "so the image service reads nothing",
                encoded);
        Reply granted = Access.post("/v1/lockbox/grants", bobAdmin, cinder, "{\"service\":\"image\",\"access\":\"read\"}");
        assertEquals(201, granted.status(), granted.toString());
        assertArrayEquals(material, Access.payload(id, alice, Tokens.serviceUserToken("glance")).body(),
                "made through the volume service, the grant opens the volume's keys to the image service");
    }

    @Test
    void aCloneOfAPrivateKeyStaysPrivate() {
        byte[] material = material();
        String encoded = Base64.getEncoder().encodeToString(material);
        String id = Access.store(alice, null, material, "");
        assertEquals(200, Lockbox.putJson("/v1/secrets/" + id + "/acl", alice, acl(List.of(), false)).status());
        String carol = Tokens.tokenInDomain("carol", project, domain, "member");
        refused(Access.payload(id, carol, null), "a private key", encoded);

        Reply cloned = Lockbox.postJson("/v1/lockbox/secrets/" + id + "/clone", bobAdmin, "{\"name\":\"copy\"}");
        assertEquals(201, cloned.status(), cloned.toString());
        String clone = cloned.refId("secret_ref");
        refused(Access.payload(clone, carol, null), "its clone, for the same member", encoded);
        JsonObject cloneAcl = Lockbox.get("/v1/secrets/" + clone + "/acl", bobAdmin).json();
        assertFalse(cloneAcl.getJsonObject("read").getBoolean("project-access"), cloneAcl.toString());
        assertArrayEquals(material, Access.payload(clone, bobAdmin, null).body(), "the admin who cloned it reads it");
    }

    @Test
    void aSiblingProjectCannotChangeADomainKeysGroupOrConsumers() {
        byte[] material = material();
        String encoded = Base64.getEncoder().encodeToString(material);
        String id = Access.store(bobAdmin, null, material, "\"scope\":\"domain\"");
        String ref = Lockbox.URL + "/v1/secrets/" + id;
        String sibling = Tokens.tokenInDomain("dora", Tokens.newProject(), domain, "admin");
        assertArrayEquals(material, Access.payload(id, sibling, null).body(), "the domain key is read next door");

        Reply group = Lockbox.postJson("/v1/lockbox/groups", sibling, "{\"name\":\"mine\",\"secret_refs\":[]}");
        assertEquals(201, group.status(), group.toString());
        String groupPath = Lockbox.path(group.json().getString("group_ref"));
        refused(Lockbox.postJson(groupPath + "/secrets", sibling, "{\"secret_ref\":\"" + ref + "\"}"),
                "the sibling puts the domain key in its group", encoded);
        refused(Lockbox.postJson("/v1/lockbox/groups", sibling, "{\"name\":\"again\",\"secret_refs\":[\"" + ref + "\"]}"),
                "or makes a group of it", encoded);
        assertFalse(Lockbox.get("/v1/secrets/" + id, bobAdmin).json().containsKey("group_ref"), "no group joined");

        String consumer = "{\"service\":\"image\",\"resource_type\":\"image\",\"resource_id\":\"img-9\"}";
        refused(Lockbox.send(Access.request("/v1/secrets/" + id + "/consumers", sibling, null)
                .header("OpenStack-API-Version", "key-manager 1.1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(consumer))), "the sibling registers a consumer", encoded);
        Reply consumers = Lockbox.send(Access.request("/v1/secrets/" + id + "/consumers", bobAdmin, null)
                .header("OpenStack-API-Version", "key-manager 1.1").GET());
        assertEquals(0, consumers.json().getInt("total"), consumers.toString());
    }

    @Test
    void anotherUsersKeyIsListedInGroupsAndTheInventoryOnlyToTheAdmin() {
        String name = "private-" + project;
        String id = Access.store(alice, null, material(), "\"name\":\"" + name + "\",\"scope\":\"user\"");
        String ref = Lockbox.URL + "/v1/secrets/" + id;
        Reply group = Lockbox.postJson("/v1/lockbox/groups", alice, "{\"name\":\"g\",\"secret_refs\":[\"" + ref + "\"]}");
        assertEquals(201, group.status(), group.toString());
        String groupPath = Lockbox.path(group.json().getString("group_ref"));
        assertTrue(Lockbox.get(groupPath, alice).text().contains(id), "its user sees it in the group");
        assertTrue(Lockbox.get(groupPath, bobAdmin).text().contains(id), "the project's admin sees it");
        String member = Tokens.tokenInDomain("carol", project, domain, "member");
        Reply seenByMember = Lockbox.get(groupPath, member);
        assertEquals(200, seenByMember.status(), seenByMember.toString());
        assertFalse(seenByMember.text().contains(id) || seenByMember.text().contains(name), seenByMember.text());

        String auditor = Tokens.tokenInDomain("ida", project, domain, "audit");
        Reply listed = Lockbox.get("/v1/lockbox/inventory/secrets?limit=100", auditor);
        assertEquals(200, listed.status(), listed.toString());
        assertFalse(listed.text().contains(id) || listed.text().contains(name), listed.text());
        refused(Lockbox.get("/v1/lockbox/inventory/secrets/" + id, auditor), "the auditor's inventory detail", name);
        refused(Lockbox.get("/v1/lockbox/inventory/secrets/" + id, Tokens.serviceAdmin()),
                "the service admin's inventory detail", name);
        assertTrue(Lockbox.get("/v1/lockbox/inventory/secrets?limit=100", bobAdmin).text().contains(id),
                "the project's admin, whom the scope table names, lists it");
        assertEquals(200, Lockbox.get("/v1/lockbox/inventory/secrets/" + id, bobAdmin).status());
    }

    @Test
    void aReaderSeesNoContainersOrOrders() {
        String reader = Tokens.token("rita", project, "reader");
        for (String path : Set.of("/v1/containers", "/v1/orders")) {
            Reply reply = Lockbox.get(path, reader);
            assertEquals(403, reply.status(), path + ": " + reply);
            assertEquals(403, reply.json().getInt("code"));
        }
    }
}
