package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Barbican's role table and project isolation, enforced by the running server. */
class RolesIT {

    private final String project = Tokens.newProject();
    private final String creator = Tokens.token("alice", project, "creator");
    private final String secretId = Lockbox.storeBinary(creator, new byte[32], "\"name\":\"shared\"");

    @ParameterizedTest(name = "{0}: create {1}, list {2}, metadata {3}, payload {4}, delete {5}")
    @CsvSource({
            "admin,      201, 200, 200, 200, 204",
            "creator,    201, 200, 200, 200, 204",
            "member,     201, 200, 200, 200, 204",
            "Member,     201, 200, 200, 200, 204",
            "observer,   403, 200, 200, 200, 403",
            "audit,      403, 403, 200, 403, 403",
            "reader,     403, 403, 403, 403, 403",
            "key-manager:service-admin, 403, 403, 200, 403, 403",
            "nobody,     403, 403, 403, 403, 403"})
    void enforcesTheRoleTable(String role, int create, int list, int metadata, int payload, int delete) {
        String token = Tokens.token("user-" + role, project, role);
        assertEquals(create, Lockbox.postJson("/v1/secrets", token, "{\"name\":\"x\"}").status(), "create");
        assertEquals(list, Lockbox.get("/v1/secrets", token).status(), "list");
        assertEquals(metadata, Lockbox.get("/v1/secrets/" + secretId, token).status(), "metadata");
        assertEquals(payload, Lockbox.get("/v1/secrets/" + secretId + "/payload", token).status(), "payload");
        assertEquals(delete, Lockbox.delete("/v1/secrets/" + secretId, token).status(), "delete");
    }

    @Test
    void aDeniedRequestAnswersWithBarbicansJsonBody() {
        Reply reply = Lockbox.postJson("/v1/secrets", Tokens.token("o", project, "observer"), "{}");
        assertEquals(403, reply.status());
        assertEquals(403, reply.json().getInt("code"));
        assertEquals("Forbidden", reply.json().getString("title"));
    }

    @Test
    void anotherProjectCannotSeeReadChangeOrDeleteTheSecret() {
        String intruder = Tokens.token("mallory", Tokens.newProject(), "admin");
        String path = "/v1/secrets/" + secretId;
        assertNotFoundWithoutLeak(Lockbox.get(path, intruder));
        assertNotFoundWithoutLeak(Lockbox.get(path + "/payload", intruder));
        assertNotFoundWithoutLeak(Lockbox.get(path + "/metadata", intruder));
        assertNotFoundWithoutLeak(Lockbox.putJson(path + "/metadata", intruder, "{\"metadata\":{\"a\":\"b\"}}"));
        assertNotFoundWithoutLeak(Lockbox.send(Lockbox.request(path, intruder)
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("x"))));
        assertNotFoundWithoutLeak(Lockbox.delete(path, intruder));
        assertEquals(0, Lockbox.get("/v1/secrets", intruder).json().getInt("total"));

        assertEquals(200, Lockbox.get(path, creator).status(), "the owner still has it");
        assertEquals(0, Lockbox.get(path + "/metadata", creator).json().getJsonObject("metadata").size());
    }

    @Test
    void aDomainScopedTokenCannotUseProjectSecrets() {
        var claims = Tokens.claims("dom-admin", null, 600, "admin");
        claims.setClaim("openstack_domain_id", "default");
        String token = Tokens.sign(claims, Tokens.issuerKey(), "RS256");
        assertEquals(403, Lockbox.get("/v1/secrets", token).status());
    }

    private static void assertNotFoundWithoutLeak(Reply reply) {
        assertEquals(404, reply.status(), reply.toString());
        assertFalse(reply.text().contains("shared"), "no metadata of the other project leaks");
    }
}
