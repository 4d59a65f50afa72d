package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockbox.testing.Access;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/** Every request leaves one audit event with who, what and how it ended; the trail is listed, filtered and exported as CADF. */
class AuditTrailIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void recordsEachOperationWithItsRequestIdUserProjectAndOutcome() {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        String requestId = "req-" + UUID.randomUUID();
        Reply stored = Lockbox.send(Lockbox.request("/v1/secrets", creator).header("X-Openstack-Request-Id", requestId)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"audited\"}")));
        assertEquals(201, stored.status(), stored.toString());
        assertEquals(requestId, stored.header("x-openstack-request-id"), "a well-formed request id is kept");
        String id = stored.refId("secret_ref");

        Reply read = Lockbox.send(Lockbox.request("/v1/secrets/" + id, creator)
                .header("X-Openstack-Request-Id", "not-a-request-id\r\nX: y".replace("\r\n", " ")).GET());
        assertEquals(200, read.status());
        String generated = read.header("x-openstack-request-id");
        assertTrue(generated.matches("req-[0-9a-f-]{36}"), generated);
        assertEquals(403, Lockbox.get("/v1/secrets/" + id + "/payload", Tokens.token("rita", project, "reader")).status());
        assertEquals(404, Lockbox.get("/v1/secrets/" + UUID.randomUUID(), creator).status());

        String auditor = Tokens.token("carol", project, "audit");
        JsonArray events = events("/v1/lockbox/audit?key_id=" + id, auditor);
        assertEquals(3, events.size(), events.toString());
        JsonObject denied = events.getJsonObject(0);
        JsonObject metadata = events.getJsonObject(1);
        JsonObject created = events.getJsonObject(2);
        assertTrue(denied.getJsonNumber("sequence").longValue() > metadata.getJsonNumber("sequence").longValue(),
                "newest first");

        assertEquals("secrets.create", created.getString("action"));
        assertEquals(requestId, created.getString("request_id"));
        assertEquals("alice", created.getString("user_id"));
        assertEquals("alice", created.getString("acting_user_id"));
        assertEquals(project, created.getString("project_id"));
        assertEquals("default", created.getString("service"));
        assertEquals(id, created.getString("key_id"));
        assertEquals("allowed", created.getString("outcome"));
        assertEquals(201, created.getInt("status"));
        assertTrue(created.isNull("reason"));
        assertTrue(created.getString("hash").matches("[0-9a-f]{64}"));
        assertTrue(created.getString("previous_hash").matches("[0-9a-f]{64}"));
        assertTrue(created.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"),
                created.getString("time"));

        assertEquals("secrets.get", metadata.getString("action"));
        assertEquals(generated, metadata.getString("request_id"), "the generated request id is the recorded one");
        assertEquals(200, metadata.getInt("status"));

        assertEquals("secrets.payload", denied.getString("action"));
        assertEquals("rita", denied.getString("user_id"));
        assertEquals("denied", denied.getString("outcome"));
        assertEquals(403, denied.getInt("status"));
        assertTrue(denied.getString("reason").contains("roles"), denied.getString("reason"));

        JsonArray failed = events("/v1/lockbox/audit?outcome=failed&user_id=alice", auditor);
        assertEquals(1, failed.size(), failed.toString());
        assertEquals(404, failed.getJsonObject(0).getInt("status"));
        assertEquals("Secret not found.", failed.getJsonObject(0).getString("reason"));
    }

    @Test
    void aTrustRecordsTheTrustorAsUserAndTheTrusteeAsActingUser() {
        String project = Tokens.newProject();
        String trust = Tokens.trustToken("trustee-tom", "trustor-tina", project, true, null, "creator");
        String id = Lockbox.storeBinary(trust, new byte[16], "");
        JsonObject event = events("/v1/lockbox/audit?key_id=" + id, Tokens.token("carol", project, "audit"))
                .getJsonObject(0);
        assertEquals("trustor-tina", event.getString("user_id"));
        assertEquals("trustee-tom", event.getString("acting_user_id"));
    }

    @Test
    void anUnauthenticatedRequestIsADenialOnlyServiceAdminsSee() {
        String id = UUID.randomUUID().toString();
        assertEquals(401, Lockbox.send(Lockbox.request("/v1/secrets/" + id).GET()).status());
        JsonArray events = events("/v1/lockbox/audit?key_id=" + id, Tokens.serviceAdmin());
        assertEquals(1, events.size(), events.toString());
        assertEquals("denied", events.getJsonObject(0).getString("outcome"));
        assertEquals(401, events.getJsonObject(0).getInt("status"));
        assertTrue(events.getJsonObject(0).isNull("user_id"));
        assertEquals(0, events("/v1/lockbox/audit?key_id=" + id,
                Tokens.token("carol", Tokens.newProject(), "audit")).size(), "not in another project's trail");
    }

    @Test
    void neitherMaterialNorTokensReachAnyColumn() throws SQLException {
        String project = Tokens.newProject();
        String token = Tokens.token("alice", project, "creator");
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        String id = Lockbox.storeBinary(token, material, "");
        assertEquals(200, Lockbox.get("/v1/secrets/" + id + "/payload", token).status());
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        assertEquals(401, Lockbox.get("/v1/secrets/" + id, forged).status());
        assertEquals(400, Lockbox.postJson("/v1/secrets", token, "{\"payload\":\"" + HexFormat.of().formatHex(material)
                + "\",\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"nope\"}")
                .status());

        List<String> forbidden = List.of(Base64.getEncoder().encodeToString(material),
                HexFormat.of().formatHex(material), new String(material, StandardCharsets.ISO_8859_1),
                token, forged, signature(token), signature(forged));
        boolean sawTheKey = false;
        try (Connection db = TestDatabase.connect(); Statement select = db.createStatement();
             ResultSet rows = select.executeQuery("SELECT * FROM audit_event WHERE project_id = '" + project
                     + "' OR key_id = '" + id + "'")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    String cell = rows.getString(c);
                    if (cell == null) {
                        continue;
                    }
                    sawTheKey |= cell.equals(id);
                    for (String secret : forbidden) {
                        assertFalse(cell.contains(secret), "material or a token in audit_event."
                                + rows.getMetaData().getColumnName(c));
                    }
                }
            }
        }
        assertTrue(sawTheKey, "the scan reads the events it should");
    }

    @Test
    void listsNewestFirstWithPagingAndFilters() {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        for (int i = 0; i < 3; i++) {
            Lockbox.storeBinary(creator, new byte[16], "");
        }
        String admin = Tokens.token("adam", project, "admin");
        Reply first = Lockbox.get("/v1/lockbox/audit?action=secrets.create&limit=2", admin);
        assertEquals(200, first.status(), first.toString());
        JsonObject page = first.json();
        assertEquals(3, page.getInt("total"));
        assertEquals(2, page.getJsonArray("events").size());
        assertTrue(page.isNull("previous"));
        assertTrue(page.getString("next").contains("offset=2"), page.toString());
        Reply second = Lockbox.get(Lockbox.path(page.getString("next")), admin);
        assertEquals(1, second.json().getJsonArray("events").size());
        assertFalse(second.json().isNull("previous"));
        assertTrue(second.json().isNull("next"));

        assertEquals(0, events("/v1/lockbox/audit?action=secrets.create&since=2999-01-01T00:00:00Z", admin).size());
        assertEquals(3, events("/v1/lockbox/audit?action=secrets.create&until=2999-01-01T00:00:00%2B00:00", admin).size());
        assertEquals(3, events("/v1/lockbox/audit?action=secrets.create&project_id=" + project, Tokens.serviceAdmin())
                .size());
        assertJsonError(403, Lockbox.get("/v1/lockbox/audit?project_id=" + Tokens.newProject(), admin));
        assertJsonError(400, Lockbox.get("/v1/lockbox/audit?outcome=maybe", admin));
        assertJsonError(400, Lockbox.get("/v1/lockbox/audit?since=yesterday", admin));
        assertJsonError(400, Lockbox.get("/v1/lockbox/audit?limit=-1", admin));
    }

    @ParameterizedTest(name = "{0}: audit {1}, verification {2}")
    @CsvSource({"audit,200,200", "admin,200,200", "creator,403,403", "observer,403,403", "reader,403,403"})
    void onlyAuditAndAdminRolesReadTheTrail(String role, int list, int verification) {
        String token = Tokens.token("someone", Tokens.newProject(), role);
        assertEquals(list, Lockbox.get("/v1/lockbox/audit", token).status());
        assertEquals(list, Lockbox.get("/v1/lockbox/audit/cadf", token).status());
        assertEquals(verification, Lockbox.get("/v1/lockbox/audit/verification", token).status());
    }

    @Test
    void exportsCadfEvents() {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        String id = Lockbox.storeBinary(creator, new byte[16], "");
        assertEquals(204, Lockbox.delete("/v1/secrets/" + id, creator).status());
        Reply reply = Lockbox.get("/v1/lockbox/audit/cadf?key_id=" + id, Tokens.token("carol", project, "audit"));
        assertEquals(200, reply.status(), reply.toString());
        JsonArray cadf = jakarta.json.Json.createReader(new java.io.StringReader(reply.text())).readArray();
        assertEquals(2, cadf.size());
        JsonObject deleted = cadf.getJsonObject(0);
        assertEquals("http://schemas.dmtf.org/cloud/audit/1.0/event", deleted.getString("typeURI"));
        assertEquals("activity", deleted.getString("eventType"));
        assertEquals("delete", deleted.getString("action"));
        assertEquals("success", deleted.getString("outcome"));
        assertEquals("service/security/account/user", deleted.getJsonObject("initiator").getString("typeURI"));
        assertEquals("alice", deleted.getJsonObject("initiator").getString("id"));
        assertEquals(project, deleted.getJsonObject("initiator").getString("project_id"));
        assertEquals("service/security/keymanager/secret", deleted.getJsonObject("target").getString("typeURI"));
        assertEquals(id, deleted.getJsonObject("target").getString("id"));
        assertEquals("target", deleted.getJsonObject("observer").getString("id"));
        assertEquals(1, deleted.getJsonObject("observer").size(), "pyCADF: an observer named target has only its id");
        assertEquals("HTTP", deleted.getJsonObject("reason").getString("reasonType"));
        assertEquals("204", deleted.getJsonObject("reason").getString("reasonCode"));
        assertEquals("/v1/secrets/" + id, deleted.getString("requestPath"));
        assertTrue(deleted.getString("eventTime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
        assertNotNull(deleted.getString("id"));
        assertEquals("create", cadf.getJsonObject(1).getString("action"));
        assertNotEquals(deleted.getString("id"), cadf.getJsonObject(1).getString("id"));
    }

    @Test
    void aKeysProjectSeesEveryUseOfItsKeysWhoeverMadeIt() {
        String project = Tokens.newProject();
        String admin = Tokens.tokenInDomain("root", project, "dom-audit", "admin");
        String auditor = Tokens.token("carol", project, "audit");
        String aclKey = Access.store(Tokens.token("alice", project, "creator"), null, new byte[16], "");

        // a user of another project on the key's read ACL
        String readerProject = Tokens.newProject();
        String dave = Tokens.token("dave", readerProject, "reader");
        assertEquals(200, Lockbox.putJson("/v1/secrets/" + aclKey + "/acl", Tokens.token("alice", project, "creator"),
                "{\"read\":{\"users\":[\"dave\"]}}").status());
        assertEquals(200, Lockbox.get("/v1/secrets/" + aclKey, dave).status());

        // a sibling project of a domain key
        String domainKey = Access.store(admin, null, new byte[16], "\"scope\":\"domain\"");
        String siblingProject = Tokens.newProject();
        assertEquals(200, Access.payload(domainKey, Tokens.tokenInDomain("dora", siblingProject, "dom-audit", "member"),
                null).status());

        // a service under the project's write-only grant
        assertEquals(201, Lockbox.postJson("/v1/lockbox/grants", Tokens.token("root", project, "admin"),
                "{\"service\":\"volume\",\"access\":\"write-only\"}").status());
        String cinder = Tokens.serviceUserToken("cinder");
        Reply created = Access.post("/v1/secrets", cinder, cinder, Access.secretJson(new byte[16], "\"project_id\":\""
                + project + "\",\"scope\":\"entity\",\"entity_id\":\"vol-audit\""));
        assertEquals(201, created.status(), created.toString());
        String grantedKey = created.refId("secret_ref");
        assertEquals(404, Access.get("/v1/secrets/" + grantedKey, cinder, cinder).status());

        JsonObject aclRead = only(events("/v1/lockbox/audit?key_id=" + aclKey + "&user_id=dave", auditor));
        assertEquals(readerProject, aclRead.getString("project_id"), "the caller's project");
        assertEquals(project, aclRead.getString("key_project_id"), "the key's project");
        assertEquals("allowed", aclRead.getString("outcome"));
        assertEquals(1, events("/v1/lockbox/audit?user_id=dave", Tokens.token("rhea", readerProject, "audit")).size(),
                "the reader's own project sees it too");

        JsonObject siblingRead = only(events("/v1/lockbox/audit?key_id=" + domainKey + "&action=secrets.payload",
                auditor));
        assertEquals(siblingProject, siblingRead.getString("project_id"));
        assertEquals(project, siblingRead.getString("key_project_id"));
        assertEquals("dora", siblingRead.getString("user_id"));

        JsonArray grantee = events("/v1/lockbox/audit?key_id=" + grantedKey, auditor);
        assertEquals(2, grantee.size(), grantee.toString());
        assertEquals("secrets.create", grantee.getJsonObject(1).getString("action"));
        assertEquals(project, grantee.getJsonObject(1).getString("key_project_id"));
        assertFalse(project.equals(grantee.getJsonObject(1).getString("project_id")), "the service's own project");
        assertEquals("denied", grantee.getJsonObject(0).getString("outcome"), "and its refused read");
        assertEquals(404, grantee.getJsonObject(0).getInt("status"));

        assertEquals(0, events("/v1/lockbox/audit?key_id=" + aclKey, Tokens.token("zed", Tokens.newProject(), "audit"))
                .size(), "an unrelated project sees none of it");
    }

    @Test
    void aRefusalAnsweredNotFoundShowsTenantsOnlyThatItWasDenied() {
        String project = Tokens.newProject();
        String id = Access.store(Tokens.token("alice", project, "creator"), null, new byte[16], "");
        String outsiderProject = Tokens.newProject();
        assertEquals(404, Lockbox.get("/v1/secrets/" + id + "/payload", Tokens.token("mallory", outsiderProject,
                "admin")).status());

        String path = "/v1/lockbox/audit?key_id=" + id + "&user_id=mallory";
        JsonObject toOwner = only(events(path, Tokens.token("carol", project, "audit")));
        assertEquals("denied", toOwner.getString("outcome"));
        assertEquals(404, toOwner.getInt("status"));
        assertTrue(toOwner.isNull("reason"), "no scope detail for the key's project: " + toOwner);
        assertEquals(project, toOwner.getString("key_project_id"));
        assertEquals(outsiderProject, toOwner.getString("project_id"));

        JsonObject toOutsider = only(events(path, Tokens.token("oscar", outsiderProject, "audit")));
        assertEquals("denied", toOutsider.getString("outcome"));
        assertTrue(toOutsider.isNull("reason"), toOutsider.toString());
        assertTrue(toOutsider.isNull("key_project_id"), "the key's project stays hidden from the refused caller's: "
                + toOutsider);
        Reply cadf = Lockbox.get("/v1/lockbox/audit/cadf?key_id=" + id + "&user_id=mallory",
                Tokens.token("oscar", outsiderProject, "audit"));
        assertEquals(200, cadf.status());
        assertFalse(cadf.text().contains("scope") || cadf.text().contains("another project"), cadf.text());

        JsonObject toServiceAdmin = only(events(path, Tokens.serviceAdmin()));
        assertFalse(toServiceAdmin.isNull("reason"), toServiceAdmin.toString());
        assertFalse(toServiceAdmin.getString("reason").isBlank());
        assertEquals(project, toServiceAdmin.getString("key_project_id"));
    }

    private static JsonObject only(JsonArray events) {
        assertEquals(1, events.size(), events.toString());
        return events.getJsonObject(0);
    }

    static JsonArray events(String path, String token) {
        Reply reply = Lockbox.get(path + (path.contains("?") ? "&" : "?") + "limit=100", token);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().getJsonArray("events");
    }

    static void assertJsonError(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(status, reply.json().getInt("code"));
        assertFalse(reply.json().getString("description").isBlank());
    }

    private static String signature(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }
}
