package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.rootoftrust.enrollment.ReplicaRegistry;
import org.lockbox.rootoftrust.enrollment.ReplicaState;
import org.lockbox.rootoftrust.enrollment.ReplicaVersions;
import org.lockbox.rootoftrust.enrollment.ServiceVersion;
import org.lockbox.rootoftrust.tpm.EnrollmentRequest;
import org.lockbox.rootoftrust.tpm.KeyTransferReceiver;
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.Swtpm;
import org.lockbox.rootoftrust.tpm.TpmClient;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/**
 * Operators approve and revoke sibling replicas through the running server's admin API. The joining
 * replica is a real software TPM provisioned with an EK certificate, whose request is registered in
 * the server's own database as a joining replica registers it; a transfer blob made for it is
 * deleted when it is revoked.
 */
class ReplicaEnrollmentIT {

    private static final String PATH = "/v1/lockbox/replicas";

    private static Path temp;
    private static Swtpm joiner;
    private static EnrollmentRequest request;
    private static KeyTransferSender sender;
    private static final ReplicaRegistry REGISTRY = new ReplicaRegistry(TestDatabase::connect);

    @BeforeAll
    static void provisionJoiningTpm() throws Exception {
        Lockbox.awaitApplication();
        temp = Files.createTempDirectory("replica-it");
        Path ca = temp.resolve("ek-ca");
        joiner = Swtpm.provisioned(temp.resolve("tpm"), ca);
        try (TpmClient tpm = TpmClient.connect(joiner.settings(temp.resolve("blobs"), SealingPolicy.pcr(List.of(23)),
                null, 10_000))) {
            request = new KeyTransferReceiver(tpm).enrollmentRequest();
        }
        sender = new KeyTransferSender(
                List.of(certificate(Swtpm.caRootCertificate(ca))), List.of(certificate(Swtpm.caIssuerCertificate(ca))),
                new SecureRandom());
    }

    @AfterAll
    static void stopJoiningTpm() throws Exception {
        if (joiner != null) {
            joiner.close();
        }
    }

    private static java.security.cert.X509Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
    }

    private static String admin() {
        return Tokens.serviceAdmin();
    }

    @Test
    void onlyAServiceAdminSeesApprovesOrRevokesReplicas() throws Exception {
        String id = REGISTRY.register("replica-denied", request);
        try {
            refusedToAnyoneButAServiceAdmin(id);
        } finally {
            // The same TPM asking again is then a new request, as the other test needs.
            REGISTRY.revoke(id, "test cleanup");
        }
    }

    private static void refusedToAnyoneButAServiceAdmin(String id) throws Exception {
        String project = Tokens.newProject();
        for (String token : List.of(Tokens.token("a", project, "admin"), Tokens.token("c", project, "creator"),
                Tokens.token("o", null, "admin"))) {
            for (Reply reply : List.of(Lockbox.get(PATH, token), Lockbox.get(PATH + "/" + id, token),
                    Lockbox.postJson(PATH + "/" + id + "/approval", token, ""),
                    Lockbox.postJson(PATH + "/" + id + "/revocation", token, ""))) {
                assertEquals(403, reply.status(), reply.toString());
                assertEquals(403, reply.json().getInt("code"));
            }
        }
        assertEquals(401, Lockbox.send(Lockbox.request(PATH).GET()).status());
        assertEquals(ReplicaState.PENDING, REGISTRY.find(id).orElseThrow().state(), "nothing was decided");
        assertEquals(404, Lockbox.get(PATH + "/no-such-replica", admin()).status());
        assertEquals(404, Lockbox.postJson(PATH + "/no-such-replica/approval", admin(), "").status());
        assertEquals(404, Lockbox.postJson(PATH + "/no-such-replica/revocation", admin(), "").status());
    }

    @Test
    void anOperatorApprovesAPendingReplicaThenRevokesItAndItsBlobsAreDeleted() throws Exception {
        String id = REGISTRY.register("replica-2", request);
        assertEquals(ReplicaState.PENDING, REGISTRY.find(id).orElseThrow().state());

        JsonObject pending = Lockbox.get(PATH, admin()).json().getJsonArray("replicas").stream()
                .map(v -> v.asJsonObject()).filter(r -> r.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("PENDING", pending.getString("state"));
        assertEquals("replica-2", pending.getString("name"));
        assertEquals(ReplicaRegistry.fingerprint(request.ekCertificate()), pending.getString("ek_sha256"));
        assertTrue(pending.getString("replica_ref").endsWith(PATH + "/" + id), pending.toString());
        assertEquals(0, pending.getJsonArray("sent").size());
        assertFalse(pending.toString().contains("ek_certificate") || pending.toString().contains("blob"),
                "neither the certificate's bytes nor any blob is shown: " + pending);

        Reply approved = Lockbox.postJson(PATH + "/" + id + "/approval", admin(), "");
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("APPROVED", approved.json().getString("state"));
        assertTrue(approved.json().getString("decided_by").contains("operator"), approved.toString());
        assertEquals(ReplicaState.APPROVED, REGISTRY.find(id).orElseThrow().state());

        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        assertTrue(REGISTRY.offer(id, new ServiceVersion("volume", 1), sender.wrap(request, secret)));
        JsonObject sent = Lockbox.get(PATH + "/" + id, admin()).json();
        assertEquals("volume", sent.getJsonArray("sent").getJsonObject(0).getString("service"));
        assertEquals(1, sent.getJsonArray("sent").getJsonObject(0).getInt("version"));
        assertTrue(sent.isNull("seen") && sent.getJsonObject("current_versions").isEmpty(), "not reported yet: " + sent);
        new ReplicaVersions(TestDatabase::connect).report(id, Map.of("volume", List.of(1, 2)));
        JsonObject reported = Lockbox.get(PATH + "/" + id, admin()).json();
        assertEquals(2, reported.getJsonObject("current_versions").getInt("volume"), reported.toString());
        assertFalse(reported.isNull("seen"), reported.toString());

        Reply revoked = Lockbox.postJson(PATH + "/" + id + "/revocation", admin(), "");
        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("REVOKED", revoked.json().getString("state"));
        assertEquals(0, revoked.json().getJsonArray("sent").size());
        assertEquals(Set.of(), REGISTRY.offered(id), "the blob made for it is deleted");
        assertFalse(REGISTRY.offer(id, new ServiceVersion("volume", 2), sender.wrap(request, secret)),
                "nothing is stored for a revoked replica");

        Reply again = Lockbox.postJson(PATH + "/" + id + "/approval", admin(), "");
        assertEquals(409, again.status(), again.toString());
        assertEquals(ReplicaState.REVOKED, REGISTRY.find(id).orElseThrow().state());

        assertTrue(Lockbox.get("/v1/lockbox/audit?action=replicas.approve&outcome=allowed", admin()).json()
                .getJsonArray("events").size() >= 1, "approvals are audited");
    }
}
