package org.lockbox.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Barbican's containers over HTTP: every type, members added and removed, roles, isolation and bad input. */
class ContainersIT {

    private final String project = Tokens.newProject();
    private final String token = Tokens.token("alice", project, "creator");

    @Test
    void createsReadsListsAndDeletesAGenericContainer() {
        String a = Lockbox.secretRef(token, "a");
        String b = Lockbox.secretRef(token, "b");
        Reply created = Lockbox.postJson("/v1/containers", token, "{\"name\":\"creds\",\"type\":\"generic\","
                + "\"secret_refs\":[{\"name\":\"db\",\"secret_ref\":\"" + a + "\"},{\"secret_ref\":\"" + b + "\"}]}");
        assertEquals(201, created.status(), created.toString());
        String ref = created.json().getString("container_ref");
        assertEquals(ref, created.header("Location"));
        assertTrue(ref.startsWith(Lockbox.URL + "/v1/containers/"));

        JsonObject container = Lockbox.get(Lockbox.path(ref), token).json();
        assertEquals(ref, container.getString("container_ref"));
        assertEquals("creds", container.getString("name"));
        assertEquals("generic", container.getString("type"));
        assertEquals("ACTIVE", container.getString("status"));
        assertEquals("alice", container.getString("creator_id"));
        assertTrue(container.getString("created").endsWith("+00:00"));
        assertEquals(0, container.getJsonArray("consumers").size());
        Map<String, String> members = members(container);
        assertEquals(Map.of("db", a, "", b), members);

        JsonObject list = Lockbox.get("/v1/containers", token).json();
        assertEquals(1, list.getInt("total"));
        assertEquals(ref, list.getJsonArray("containers").getJsonObject(0).getString("container_ref"));

        assertEquals(204, Lockbox.delete(Lockbox.path(ref), token).status());
        assertEquals(404, Lockbox.get(Lockbox.path(ref), token).status());
        assertEquals(200, Lockbox.get(Lockbox.path(a), token).status(), "the secrets outlive their container");
        assertEquals(0, Lockbox.get("/v1/containers", token).json().getInt("total"));
    }

    @Test
    void createsRsaAndCertificateContainersWithTheirNames() {
        String rsa = create("{\"type\":\"rsa\",\"secret_refs\":[" + member("public_key") + "," + member("private_key")
                + "," + member("private_key_passphrase") + "]}");
        assertEquals("rsa", Lockbox.get(Lockbox.path(rsa), token).json().getString("type"));
        assertEquals(3, Lockbox.get(Lockbox.path(rsa), token).json().getJsonArray("secret_refs").size());

        String certificate = create("{\"type\":\"certificate\",\"name\":\"web\",\"secret_refs\":["
                + member("certificate") + "," + member("private_key") + "," + member("intermediates") + "]}");
        JsonObject got = Lockbox.get(Lockbox.path(certificate), token).json();
        assertEquals("certificate", got.getString("type"));
        assertEquals(List.of("certificate", "intermediates", "private_key"),
                members(got).keySet().stream().sorted().toList());

        String empty = create("{\"type\":\"generic\"}");
        assertEquals(0, Lockbox.get(Lockbox.path(empty), token).json().getJsonArray("secret_refs").size());
    }

    @Test
    void listsByNameAndTypeAndPages() {
        create("{\"type\":\"generic\",\"name\":\"one\"}");
        create("{\"type\":\"generic\",\"name\":\"two\"}");
        create("{\"type\":\"rsa\",\"name\":\"two\",\"secret_refs\":[" + member("public_key") + ","
                + member("private_key") + "]}");
        assertEquals(3, Lockbox.get("/v1/containers", token).json().getInt("total"));
        assertEquals(2, Lockbox.get("/v1/containers?name=two", token).json().getInt("total"));
        assertEquals(1, Lockbox.get("/v1/containers?type=rsa", token).json().getInt("total"));
        assertEquals(1, Lockbox.get("/v1/containers?type=generic&name=two", token).json().getInt("total"));

        JsonObject page = Lockbox.get("/v1/containers?limit=1&offset=1", token).json();
        assertEquals(1, page.getJsonArray("containers").size());
        assertTrue(page.getString("next").contains("offset=2"), page.toString());
        assertTrue(page.getString("previous").contains("offset=0"), page.toString());
    }

    @Test
    void addsAndRemovesSecretsOfAGenericContainer() {
        String a = Lockbox.secretRef(token, "a");
        String ref = create("{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"first\",\"secret_ref\":\"" + a + "\"}]}");
        String path = Lockbox.path(ref) + "/secrets";

        Reply added = Lockbox.postJson(path, token, "{\"name\":\"second\",\"secret_ref\":\"" + a + "\"}");
        assertEquals(201, added.status(), added.toString());
        assertEquals(ref, added.json().getString("container_ref"));
        assertEquals(409, Lockbox.postJson(path, token, "{\"name\":\"second\",\"secret_ref\":\"" + a + "\"}").status(),
                "the same secret under the same name again");
        String b = Lockbox.secretRef(token, "b");
        assertEquals(201, Lockbox.postJson(path, token, "{\"secret_ref\":\"" + b + "\"}").status(), "a member without a name");
        assertEquals(Map.of("first", a, "second", a, "", b), members(Lockbox.get(Lockbox.path(ref), token).json()));

        assertEquals(204, Lockbox.deleteJson(path, token, "{\"name\":\"first\",\"secret_ref\":\"" + a + "\"}").status());
        assertEquals(404, Lockbox.deleteJson(path, token, "{\"name\":\"first\",\"secret_ref\":\"" + a + "\"}").status());
        assertEquals(404, Lockbox.deleteJson(path, token, "{\"name\":\"other\",\"secret_ref\":\"" + b + "\"}").status(),
                "a member is named exactly");
        assertEquals(204, Lockbox.deleteJson(path, token, "{\"secret_ref\":\"" + b + "\"}").status());
        assertEquals(Map.of("second", a), members(Lockbox.get(Lockbox.path(ref), token).json()));
        assertEquals(200, Lockbox.get(Lockbox.path(b), token).status(), "removing a member keeps the secret");
    }

    @Test
    void typedContainersCannotBeChanged() {
        String ref = create("{\"type\":\"rsa\",\"secret_refs\":[" + member("public_key") + "," + member("private_key") + "]}");
        String other = Lockbox.secretRef(token, "x");
        Reply add = Lockbox.postJson(Lockbox.path(ref) + "/secrets", token, "{\"name\":\"x\",\"secret_ref\":\"" + other + "\"}");
        assertJsonError(400, add);
        String publicKey = members(Lockbox.get(Lockbox.path(ref), token).json()).get("public_key");
        assertJsonError(400, Lockbox.deleteJson(Lockbox.path(ref) + "/secrets", token,
                "{\"name\":\"public_key\",\"secret_ref\":\"" + publicKey + "\"}"));
        assertEquals(2, Lockbox.get(Lockbox.path(ref), token).json().getJsonArray("secret_refs").size());
    }

    @Test
    void deletingASecretRemovesItFromItsContainers() {
        String a = Lockbox.secretRef(token, "a");
        String ref = create("{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"a\",\"secret_ref\":\"" + a + "\"}]}");
        assertEquals(204, Lockbox.delete(Lockbox.path(a), token).status());
        assertEquals(0, Lockbox.get(Lockbox.path(ref), token).json().getJsonArray("secret_refs").size());
    }

    @ParameterizedTest(name = "{0}: create {1}, list {2}, read {3}, add {4}, remove {5}, delete {6}")
    @CsvSource({
            "admin,    201, 200, 200, 201, 204, 204",
            "creator,  201, 200, 200, 201, 204, 204",
            "member,   201, 200, 200, 201, 204, 204",
            "observer, 403, 200, 200, 403, 403, 403",
            "audit,    403, 403, 200, 403, 403, 403",
            "reader,   403, 403, 403, 403, 403, 403",
            "key-manager:service-admin, 403, 403, 403, 403, 403, 403"})
    void enforcesTheRoleTable(String role, int create, int list, int read, int add, int remove, int delete) {
        String owned = create("{\"type\":\"generic\"}");
        String secret = Lockbox.secretRef(token, "s");
        String caller = Tokens.token("user-" + role, project, role);
        assertEquals(create, Lockbox.postJson("/v1/containers", caller, "{\"type\":\"generic\"}").status(), "create");
        assertEquals(list, Lockbox.get("/v1/containers", caller).status(), "list");
        assertEquals(read, Lockbox.get(Lockbox.path(owned), caller).status(), "read");
        assertEquals(add, Lockbox.postJson(Lockbox.path(owned) + "/secrets", caller,
                "{\"name\":\"s\",\"secret_ref\":\"" + secret + "\"}").status(), "add");
        if (add != 201) {
            Lockbox.postJson(Lockbox.path(owned) + "/secrets", token, "{\"name\":\"s\",\"secret_ref\":\"" + secret + "\"}");
        }
        assertEquals(remove, Lockbox.deleteJson(Lockbox.path(owned) + "/secrets", caller,
                "{\"name\":\"s\",\"secret_ref\":\"" + secret + "\"}").status(), "remove");
        assertEquals(delete, Lockbox.delete(Lockbox.path(owned), caller).status(), "delete");
    }

    @Test
    void anotherProjectNeitherSeesNorChangesTheContainer() {
        String secret = Lockbox.secretRef(token, "mine");
        String ref = create("{\"type\":\"generic\",\"name\":\"private\",\"secret_refs\":[{\"name\":\"m\",\"secret_ref\":\""
                + secret + "\"}]}");
        String intruder = Tokens.token("mallory", Tokens.newProject(), "admin");
        String theirs = Lockbox.secretRef(intruder, "theirs");
        assertJsonError(404, Lockbox.get(Lockbox.path(ref), intruder));
        assertJsonError(404, Lockbox.postJson(Lockbox.path(ref) + "/secrets", intruder,
                "{\"name\":\"t\",\"secret_ref\":\"" + theirs + "\"}"));
        assertJsonError(404, Lockbox.deleteJson(Lockbox.path(ref) + "/secrets", intruder,
                "{\"name\":\"m\",\"secret_ref\":\"" + secret + "\"}"));
        assertJsonError(404, Lockbox.delete(Lockbox.path(ref), intruder));
        assertEquals(0, Lockbox.get("/v1/containers", intruder).json().getInt("total"));
        assertFalse(Lockbox.get(Lockbox.path(ref), intruder).text().contains("private"));

        assertJsonError(404, Lockbox.postJson("/v1/containers", intruder, "{\"type\":\"generic\",\"secret_refs\":"
                + "[{\"name\":\"stolen\",\"secret_ref\":\"" + secret + "\"}]}"), "another project's secret cannot be grouped");
        assertJsonError(404, Lockbox.postJson(Lockbox.path(ref) + "/secrets", token,
                "{\"name\":\"t\",\"secret_ref\":\"" + theirs + "\"}"), "nor added to one's own container");
        assertEquals(0, Lockbox.get("/v1/containers", intruder).json().getInt("total"));
        assertEquals(Map.of("m", secret), members(Lockbox.get(Lockbox.path(ref), token).json()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "[]",
            "{\"type\":\"vault\"}",
            "{\"type\":42}",
            "{\"type\":\"generic\",\"name\":7}",
            "{\"type\":\"generic\",\"secret_refs\":{}}",
            "{\"type\":\"generic\",\"secret_refs\":[\"x\"]}",
            "{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"x\"}]}",
            "{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"x\",\"secret_ref\":\"http://elsewhere:9311/v1/secrets/SECRET\"}]}",
            "{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"x\",\"secret_ref\":\"URL/v1/orders/SECRET\"}]}",
            "{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"x\",\"secret_ref\":\"URL/v1/secrets/SECRET\"},{\"name\":\"x\",\"secret_ref\":\"URL/v1/secrets/OTHER\"}]}",
            "{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"x\",\"secret_ref\":\"URL/v1/secrets/SECRET\"},{\"name\":\"y\",\"secret_ref\":\"URL/v1/secrets/SECRET\"}]}",
            "{\"type\":\"rsa\",\"secret_refs\":[{\"name\":\"public_key\",\"secret_ref\":\"URL/v1/secrets/SECRET\"}]}",
            "{\"type\":\"rsa\",\"secret_refs\":[{\"name\":\"public_key\",\"secret_ref\":\"URL/v1/secrets/SECRET\"},{\"name\":\"private_key\",\"secret_ref\":\"URL/v1/secrets/OTHER\"},{\"name\":\"extra\",\"secret_ref\":\"URL/v1/secrets/THIRD\"}]}",
            "{\"type\":\"certificate\",\"secret_refs\":[{\"name\":\"private_key\",\"secret_ref\":\"URL/v1/secrets/SECRET\"}]}"})
    void refusesBadContainersAndWritesNothing(String template) {
        String body = template.replace("URL", Lockbox.URL)
                .replace("SECRET", Lockbox.path(Lockbox.secretRef(token, "s")).substring("/v1/secrets/".length()))
                .replace("OTHER", Lockbox.path(Lockbox.secretRef(token, "o")).substring("/v1/secrets/".length()))
                .replace("THIRD", Lockbox.path(Lockbox.secretRef(token, "t")).substring("/v1/secrets/".length()));
        assertJsonError(400, Lockbox.postJson("/v1/containers", token, body));
        assertEquals(0, Lockbox.get("/v1/containers", token).json().getInt("total"), "nothing was written");
    }

    @Test
    void refusesAnUnknownSecretAndWritesNothing() {
        String good = Lockbox.secretRef(token, "good");
        assertJsonError(404, Lockbox.postJson("/v1/containers", token, "{\"type\":\"generic\",\"secret_refs\":["
                + "{\"name\":\"good\",\"secret_ref\":\"" + good + "\"},"
                + "{\"name\":\"gone\",\"secret_ref\":\"" + Lockbox.URL + "/v1/secrets/00000000-0000-0000-0000-000000000000\"}]}"));
        assertEquals(0, Lockbox.get("/v1/containers", token).json().getInt("total"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"x\"}", "{\"secret_ref\":42}", "{\"secret_ref\":\"http://elsewhere/v1/secrets/x\"}", "nope"})
    void refusesBadMembers(String body) {
        String ref = create("{\"type\":\"generic\"}");
        assertEquals(400, Lockbox.postJson(Lockbox.path(ref) + "/secrets", token, body).status());
        assertEquals(400, Lockbox.deleteJson(Lockbox.path(ref) + "/secrets", token, body).status());
        assertEquals(0, Lockbox.get(Lockbox.path(ref), token).json().getJsonArray("secret_refs").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"?type=vault", "?limit=x", "?offset=-1"})
    void refusesBadListParameters(String query) {
        assertJsonError(400, Lockbox.get("/v1/containers" + query, token));
    }

    private String create(String body) {
        Reply reply = Lockbox.postJson("/v1/containers", token, body);
        assertEquals(201, reply.status(), reply.toString());
        return reply.json().getString("container_ref");
    }

    private String member(String name) {
        return "{\"name\":\"" + name + "\",\"secret_ref\":\"" + Lockbox.secretRef(token, name) + "\"}";
    }

    /** Member name ("" for none) to secret reference. */
    static Map<String, String> members(JsonObject container) {
        Map<String, String> members = new HashMap<>();
        for (JsonValue value : container.getJsonArray("secret_refs")) {
            JsonObject ref = value.asJsonObject();
            members.put(ref.isNull("name") ? "" : ref.getString("name"), ref.getString("secret_ref"));
        }
        return members;
    }

    static void assertJsonError(int status, Reply reply) {
        assertJsonError(status, reply, "");
    }

    static void assertJsonError(int status, Reply reply, String why) {
        assertEquals(status, reply.status(), why + " " + reply);
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(status, reply.json().getInt("code"));
        assertFalse(reply.json().getString("description").isBlank());
    }
}
