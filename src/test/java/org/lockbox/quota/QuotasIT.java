package org.lockbox.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Barbican's quotas: the caller's effective quotas, admins' project quotas, and their enforcement on create. */
class QuotasIT {

    private static final String AES = "{\"type\":\"key\",\"meta\":{\"algorithm\":\"aes\",\"bit_length\":256}}";
    private static final String RSA = "{\"type\":\"asymmetric\",\"meta\":{\"algorithm\":\"rsa\",\"bit_length\":2048}}";

    private final String project = Tokens.newProject();
    private final String token = Tokens.token("alice", project, "creator");
    private final String serviceAdmin = Tokens.token("quota-keeper", Tokens.newProject(), "key-manager:service-admin");

    @Test
    void aProjectWithoutQuotasHasTheUnlimitedDefaults() {
        Reply reply = Lockbox.get("/v1/quotas", token);
        assertEquals(200, reply.status(), reply.toString());
        JsonObject quotas = reply.json().getJsonObject("quotas");
        for (String name : new String[] {"secrets", "orders", "containers", "consumers", "cas"}) {
            assertEquals(-1, quotas.getInt(name), name);
        }
        assertEquals(5, quotas.size());
        assertJsonError(404, Lockbox.get("/v1/project-quotas/" + project, serviceAdmin));
    }

    @Test
    void setsShowsListsAndDeletesProjectQuotas() {
        assertEquals(204, put(project, "{\"project_quotas\":{\"secrets\":10,\"orders\":0,\"containers\":-1}}").status());

        JsonObject configured = Lockbox.get("/v1/project-quotas/" + project, serviceAdmin).json()
                .getJsonObject("project_quotas");
        assertEquals(10, configured.getInt("secrets"));
        assertEquals(0, configured.getInt("orders"));
        assertEquals(-1, configured.getInt("containers"));
        assertTrue(configured.isNull("consumers"), "not configured: the default applies");
        assertTrue(configured.isNull("cas"));

        JsonObject effective = Lockbox.get("/v1/quotas", token).json().getJsonObject("quotas");
        assertEquals(10, effective.getInt("secrets"));
        assertEquals(0, effective.getInt("orders"));
        assertEquals(-1, effective.getInt("consumers"), "the default fills in");

        JsonObject listed = find(project);
        assertEquals(10, listed.getJsonObject("project_quotas").getInt("secrets"));

        assertEquals(204, put(project, "{\"project_quotas\":{\"consumers\":3}}").status(), "PUT replaces every value");
        configured = Lockbox.get("/v1/project-quotas/" + project, serviceAdmin).json().getJsonObject("project_quotas");
        assertTrue(configured.isNull("secrets"));
        assertEquals(3, configured.getInt("consumers"));

        assertEquals(204, Lockbox.delete("/v1/project-quotas/" + project, serviceAdmin).status());
        assertJsonError(404, Lockbox.get("/v1/project-quotas/" + project, serviceAdmin));
        assertJsonError(404, Lockbox.delete("/v1/project-quotas/" + project, serviceAdmin));
        assertEquals(-1, Lockbox.get("/v1/quotas", token).json().getJsonObject("quotas").getInt("consumers"));
    }

    @Test
    void listsProjectQuotasInPages() {
        String second = Tokens.newProject();
        put(project, "{\"project_quotas\":{\"secrets\":1}}");
        put(second, "{\"project_quotas\":{\"secrets\":2}}");
        JsonObject all = Lockbox.get("/v1/project-quotas?limit=100", serviceAdmin).json();
        assertTrue(all.getInt("total") >= 2);
        JsonObject page = Lockbox.get("/v1/project-quotas?limit=1", serviceAdmin).json();
        assertEquals(1, page.getJsonArray("project_quotas").size());
        assertTrue(page.getString("next").contains("/v1/project-quotas?"), page.toString());
        Lockbox.delete("/v1/project-quotas/" + project, serviceAdmin);
        Lockbox.delete("/v1/project-quotas/" + second, serviceAdmin);
    }

    @Test
    void enforcesTheSecretsQuotaOnSecretsAndOrders() {
        put(project, "{\"project_quotas\":{\"secrets\":2}}");
        Lockbox.storeBinary(token, new byte[16], "");
        Lockbox.storeBinary(token, new byte[16], "");
        Reply refused = Lockbox.postJson("/v1/secrets", token, "{\"name\":\"third\"}");
        assertJsonError(403, refused);
        assertTrue(refused.json().getString("description").contains("quota"), refused.toString());
        assertJsonError(403, Lockbox.postJson("/v1/orders", token, AES), "an order's key counts as a secret");
        assertEquals(2, Lockbox.get("/v1/secrets", token).json().getInt("total"), "nothing more was stored");
        assertEquals(0, Lockbox.get("/v1/orders", token).json().getInt("total"), "the refused order left no trace");

        put(project, "{\"project_quotas\":{\"secrets\":-1}}");
        assertEquals(201, Lockbox.postJson("/v1/secrets", token, "{\"name\":\"third\"}").status(), "-1 is unlimited");
    }

    @Test
    void enforcesTheOrdersQuota() {
        put(project, "{\"project_quotas\":{\"orders\":0}}");
        assertJsonError(403, Lockbox.postJson("/v1/orders", token, AES));
        assertEquals(0, Lockbox.get("/v1/secrets", token).json().getInt("total"));
        put(project, "{\"project_quotas\":{\"orders\":1}}");
        assertEquals(202, Lockbox.postJson("/v1/orders", token, AES).status());
        assertJsonError(403, Lockbox.postJson("/v1/orders", token, AES));
        assertEquals(1, Lockbox.get("/v1/orders", token).json().getInt("total"));
    }

    @Test
    void enforcesTheContainersQuotaOnContainersAndKeyPairOrders() {
        put(project, "{\"project_quotas\":{\"containers\":1}}");
        assertEquals(201, Lockbox.postJson("/v1/containers", token, "{\"type\":\"generic\"}").status());
        assertJsonError(403, Lockbox.postJson("/v1/containers", token, "{\"type\":\"generic\"}"));
        assertJsonError(403, Lockbox.postJson("/v1/orders", token, RSA), "a key pair order makes a container");
        assertEquals(1, Lockbox.get("/v1/containers", token).json().getInt("total"));
        assertEquals(0, Lockbox.get("/v1/secrets", token).json().getInt("total"), "the pair's secrets were rolled back");
    }

    @Test
    void enforcesTheConsumersQuota() {
        put(project, "{\"project_quotas\":{\"consumers\":1}}");
        String secret = Lockbox.path(Lockbox.secretRef(token, "s")) + "/consumers";
        assertEquals(200, v11Post(secret, "{\"service\":\"image\",\"resource_type\":\"image\",\"resource_id\":\"1\"}").status());
        assertEquals(200, v11Post(secret, "{\"service\":\"image\",\"resource_type\":\"image\",\"resource_id\":\"1\"}").status(),
                "registering the same consumer again creates nothing");
        assertJsonError(403, v11Post(secret, "{\"service\":\"image\",\"resource_type\":\"image\",\"resource_id\":\"2\"}"));

        String container = Lockbox.path(Lockbox.postJson("/v1/containers", token, "{\"type\":\"generic\"}").json()
                .getString("container_ref")) + "/consumers";
        assertEquals(200, Lockbox.postJson(container, token, "{\"name\":\"a\",\"URL\":\"http://a\"}").status(),
                "container consumers are counted apart, as in Barbican");
        assertJsonError(403, Lockbox.postJson(container, token, "{\"name\":\"b\",\"URL\":\"http://b\"}"));
        assertEquals(1, Lockbox.get(container, token).json().getInt("total"));
    }

    @ParameterizedTest(name = "{0}: own quotas {1}, list {2}, show {3}, set {4}, delete {5}")
    @CsvSource({
            "key-manager:service-admin, 200, 200, 200, 204, 204",
            "admin,    200, 403, 403, 403, 403",
            "creator,  200, 403, 403, 403, 403",
            "observer, 200, 403, 403, 403, 403",
            "audit,    200, 403, 403, 403, 403",
            "reader,   200, 403, 403, 403, 403",
            "nobody,   403, 403, 403, 403, 403"})
    void enforcesTheRoleTable(String role, int own, int list, int show, int set, int delete) {
        String target = Tokens.newProject();
        put(target, "{\"project_quotas\":{\"secrets\":5}}");
        String caller = Tokens.token("user-" + role, Tokens.newProject(), role);
        assertEquals(own, Lockbox.get("/v1/quotas", caller).status(), "own quotas");
        assertEquals(list, Lockbox.get("/v1/project-quotas", caller).status(), "list");
        assertEquals(show, Lockbox.get("/v1/project-quotas/" + target, caller).status(), "show");
        assertEquals(set, Lockbox.putJson("/v1/project-quotas/" + target, caller,
                "{\"project_quotas\":{\"secrets\":6}}").status(), "set");
        assertEquals(delete, Lockbox.delete("/v1/project-quotas/" + target, caller).status(), "delete");
        if (delete != 204) {
            assertEquals(set == 204 ? 6 : 5, Lockbox.get("/v1/project-quotas/" + target, serviceAdmin).json()
                    .getJsonObject("project_quotas").getInt("secrets"), "a refused change changes nothing");
            Lockbox.delete("/v1/project-quotas/" + target, serviceAdmin);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "[]", "{\"project_quotas\":[]}", "{\"project_quotas\":{\"keys\":1}}",
            "{\"project_quotas\":{\"secrets\":\"10\"}}", "{\"project_quotas\":{\"secrets\":1.5}}",
            "{\"project_quotas\":{\"secrets\":-2}}", "{\"project_quotas\":{\"secrets\":1},\"extra\":1}",
            "{\"project_quotas\":{\"secrets\":99999999999}}"})
    void refusesBadQuotasAndChangesNothing(String body) {
        put(project, "{\"project_quotas\":{\"secrets\":7}}");
        assertJsonError(400, Lockbox.putJson("/v1/project-quotas/" + project, serviceAdmin, body));
        assertEquals(7, Lockbox.get("/v1/project-quotas/" + project, serviceAdmin).json()
                .getJsonObject("project_quotas").getInt("secrets"));
        Lockbox.delete("/v1/project-quotas/" + project, serviceAdmin);
    }

    @Test
    void refusesAnOverlongProjectId() {
        assertJsonError(400, Lockbox.putJson("/v1/project-quotas/" + "p".repeat(65), serviceAdmin,
                "{\"project_quotas\":{\"secrets\":1}}"));
        assertJsonError(400, Lockbox.get("/v1/project-quotas?limit=many", serviceAdmin));
    }

    private Reply put(String target, String body) {
        Reply reply = Lockbox.putJson("/v1/project-quotas/" + target, serviceAdmin, body);
        assertEquals(204, reply.status(), reply.toString());
        return reply;
    }

    private JsonObject find(String target) {
        for (int offset = 0; ; offset += 100) {
            JsonObject page = Lockbox.get("/v1/project-quotas?limit=100&offset=" + offset, serviceAdmin).json();
            for (JsonValue item : page.getJsonArray("project_quotas")) {
                if (item.asJsonObject().getString("project_id").equals(target)) {
                    return item.asJsonObject();
                }
            }
            if (!page.containsKey("next")) {
                throw new AssertionError("project " + target + " is not listed");
            }
        }
    }

    private Reply v11Post(String path, String json) {
        return Lockbox.send(Lockbox.request(path, token).header("OpenStack-API-Version", "key-manager 1.1")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static void assertJsonError(int status, Reply reply) {
        assertJsonError(status, reply, "");
    }

    static void assertJsonError(int status, Reply reply, String why) {
        assertEquals(status, reply.status(), why + " " + reply);
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(status, reply.json().getInt("code"));
    }
}
