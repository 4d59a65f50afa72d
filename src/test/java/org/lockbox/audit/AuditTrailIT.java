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
        Reply first = Lockbox.get("/v1/lockbox/audit?action=secrets.create&outcome=allowed&limit=2", admin);
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
        assertEquals(3, events("/v1/lockbox/audit?action=secrets.create&outcome=allowed&until=2999-01-01T00:00:00%2B00:00",
                admin).size());
        assertEquals(3, events("/v1/lockbox/audit?action=secrets.create&outcome=allowed&project_id=" + project,
                Tokens.serviceAdmin()).size());
        assertEquals(3, events("/v1/lockbox/audit?action=secrets.create&outcome=pending", admin).size(),
                "each creation's intent, recorded before it");
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
        assertEquals(3, cadf.size(), cadf.toString());
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
        JsonObject intent = cadf.getJsonObject(1);
        assertEquals("delete", intent.getString("action"));
        assertEquals("pending", intent.getString("outcome"), "the intent, recorded before the deletion");
        assertNotEquals(deleted.getString("id"), intent.getString("id"));
        assertEquals("create", cadf.getJsonObject(2).getString("action"));
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

    @Test
    void aChangeWhoseAuditEventCannotBeRecordedIsNotMade() throws SQLException {
        String project = Tokens.newProject();
        String alice = Tokens.token("alice", project, "creator");
        String root = Tokens.token("root", project, "admin");
        String id = Access.store(alice, null, new byte[16], "");
        String deleted = Access.store(alice, null, new byte[16], "");
        assertEquals(204, Lockbox.delete("/v1/secrets/" + deleted, alice).status());
        String computeKeys = Lockbox.get("/v1/lockbox/master-keys/compute", Tokens.serviceAdmin()).json()
                .getJsonArray("versions").toString();

        // the audit trail refuses every event of one user, as a full disk or a broken database would
        String probe = "audit-probe-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = Tokens.token(probe, project, "admin");
        try (Connection db = TestDatabase.connect(); Statement ddl = db.createStatement()) {
            ddl.executeUpdate("ALTER TABLE audit_event ADD CONSTRAINT audit_probe CHECK (user_id IS NULL OR user_id <> '"
                    + probe + "')");
        }
        try {
            assertJsonError(503, Lockbox.putJson("/v1/secrets/" + id + "/acl", admin, "{\"read\":{\"users\":[\"dave\"]}}"));
            assertJsonError(503, Lockbox.postJson("/v1/lockbox/grants", admin,
                    "{\"service\":\"volume\",\"access\":\"write-only\"}"));
            assertJsonError(503, Lockbox.postJson("/v1/lockbox/deletions/" + deleted + "/restore", admin, ""));
            Reply stored = Lockbox.postJson("/v1/secrets", admin, Access.secretJson(new byte[16], ""));
            assertJsonError(503, stored);
            assertEquals(null, stored.header("location"), "nothing served");
            assertJsonError(503, Lockbox.delete("/v1/secrets/" + id, admin));
            assertJsonError(503, Lockbox.postJson("/v1/lockbox/master-keys/compute/versions",
                    Tokens.token(probe, null, "key-manager:service-admin"), ""));
        } finally {
            try (Connection db = TestDatabase.connect(); Statement ddl = db.createStatement()) {
                ddl.executeUpdate("ALTER TABLE audit_event DROP CONSTRAINT audit_probe");
            }
        }
        assertEquals("{\"read\":{\"project-access\":true}}", Lockbox.get("/v1/secrets/" + id + "/acl", alice).text(),
                "the ACL is unchanged");
        assertEquals(0, Lockbox.get("/v1/lockbox/grants", root).json().getInt("total"), "no grant was given");
        assertEquals(1, Lockbox.get("/v1/lockbox/deletions", root).json().getInt("total"), "the deletion still pends");
        assertEquals(200, Lockbox.get("/v1/secrets/" + id, alice).status(), "the key was not deleted");
        assertEquals(1, Lockbox.get("/v1/secrets", alice).json().getInt("total"), "no key was stored");
        assertEquals(computeKeys, Lockbox.get("/v1/lockbox/master-keys/compute", Tokens.serviceAdmin()).json()
                .getJsonArray("versions").toString(), "no master-key version was sealed");
        assertEquals(0, events("/v1/lockbox/audit?user_id=" + probe, Tokens.serviceAdmin()).size());
        // with the trail writable again, the same change is made and recorded: intent, then outcome
        assertEquals(200, Lockbox.putJson("/v1/secrets/" + id + "/acl", admin, "{\"read\":{\"users\":[\"dave\"]}}")
                .status());
        JsonArray recorded = events("/v1/lockbox/audit?user_id=" + probe, Tokens.serviceAdmin());
        assertEquals(2, recorded.size(), recorded.toString());
        assertEquals("allowed", recorded.getJsonObject(0).getString("outcome"));
        assertEquals("pending", recorded.getJsonObject(1).getString("outcome"));
        assertEquals(recorded.getJsonObject(0).getString("request_id"), recorded.getJsonObject(1).getString("request_id"));
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
