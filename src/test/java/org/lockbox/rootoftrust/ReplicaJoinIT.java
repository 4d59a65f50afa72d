package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.rootoftrust.enrollment.KeyDistribution;
import org.lockbox.rootoftrust.enrollment.Replica;
import org.lockbox.rootoftrust.enrollment.ReplicaRegistry;
import org.lockbox.rootoftrust.enrollment.ReplicaState;
import org.lockbox.rootoftrust.enrollment.SealedKeys;
import org.lockbox.rootoftrust.tpm.BlobStore;
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.Swtpm;
import org.lockbox.rootoftrust.tpm.TpmConfig;
import org.lockbox.rootoftrust.tpm.TpmSealer;
import org.lockbox.rootoftrust.tpm.TpmSettings;
import org.lockbox.testing.LibertyServer;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.TestRootOfTrust;
import org.lockbox.testing.Tokens;

/**
 * The running server joins as a new replica with an empty TPM (on the pass with master keys sealed
 * by swtpm): restarted with lockbox.replica.join=true on a second swtpm provisioned with an EK
 * certificate, it serves nothing until an operator approves it and a holder of the master keys
 * (this test, with the first swtpm and its blobs, as `lockbox-admin replicas send` does) sends
 * them; then it reads back a secret stored before, byte-identical. The server is put back after.
 */
class ReplicaJoinIT {

    private static final Path OVERRIDE = LibertyServer.directory().resolve("configDropins/overrides/replica-join.xml");
    private static final String NAME = "it-joiner-" + Long.toHexString(new SecureRandom().nextLong());

    private static Path temp;
    private static Swtpm joinerTpm;
    private static Path joinerBlobs;
    private static KeyTransferSender sender;
    private static String token;
    private static String secretId;
    private static final byte[] MATERIAL = new byte[32];

    @BeforeAll
    static void restartAsAJoiningReplica() throws Exception {
        assumeTrue(TestRootOfTrust.provider().startsWith("tpm-"), "enrollment moves master keys TPM to TPM");
        Lockbox.awaitApplication();
        new SecureRandom().nextBytes(MATERIAL);
        token = Tokens.token("joiner-it", Tokens.newProject(), "creator");
        secretId = Lockbox.storeBinary(token, MATERIAL, "");

        temp = Files.createTempDirectory("replica-join-it");
        Path ca = temp.resolve("ek-ca");
        joinerTpm = Swtpm.provisioned(temp.resolve("tpm"), ca);
        joinerBlobs = temp.resolve("blobs");
        sender = new KeyTransferSender(List.of(certificate(Swtpm.caRootCertificate(ca))),
                List.of(certificate(Swtpm.caIssuerCertificate(ca))), new SecureRandom());

        LibertyServer.stop();
        Files.writeString(OVERRIDE, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Test only: this server joins with an empty TPM. -->
                <server>
                    <variable name="lockbox.replica.join" value="true"/>
                    <variable name="lockbox.replica.name" value="%s"/>
                    <variable name="lockbox.replica.poll-interval" value="PT1S"/>
                    <variable name="lockbox.tpm.port" value="%d"/>
                    <variable name="lockbox.tpm.blob-dir" value="%s"/>
                </server>
                """.formatted(NAME, joinerTpm.port(), joinerBlobs));
        LibertyServer.start();
    }

    @AfterAll
    static void putTheServerBack() throws Exception {
        boolean overridden = Files.deleteIfExists(OVERRIDE);
        if (overridden || !LibertyServer.running()) {
            if (LibertyServer.running()) {
                LibertyServer.stop();
            }
            LibertyServer.start();
            LibertyServer.awaitReady();
        }
        if (joinerTpm != null) {
            joinerTpm.close();
        }
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Readiness once the application answers it, ready or not. */
    private static Reply readiness() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (true) {
            try {
                Reply reply = Lockbox.send(Lockbox.request("/health/ready").GET());
                if (reply.contentType() != null && reply.contentType().startsWith("application/json")
                        && reply.text().contains("master-keys")) {
                    return reply;
                }
            } catch (AssertionError notListeningYet) {
                // The HTTP endpoint is not open yet.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no readiness answer within 180 s");
            }
            Thread.sleep(250);
        }
    }

    private static Replica registered(ReplicaRegistry registry) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (Replica replica : registry.list()) {
                if (replica.name().equals(NAME) && replica.state() != ReplicaState.REVOKED) {
                    return replica;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the joining server did not register as " + NAME);
    }

    @Test
    void theJoiningServerServesNothingUntilApprovedAndSentThenReadsTheSameKeys() throws Exception {
        Reply joining = readiness();
        assertEquals(503, joining.status(), joining.toString());
        assertTrue(joining.text().contains("joining"), joining.text());
        assertEquals(503, Lockbox.payload(secretId, token).status(), "it serves no key while joining");

        ReplicaRegistry registry = new ReplicaRegistry(TestDatabase::connect);
        Replica replica = registered(registry);
        assertEquals(ReplicaState.PENDING, replica.state());
        Thread.sleep(3000);
        assertEquals(Set.of(), registry.offered(replica.id()));
        assertEquals(503, readiness().status(), "no trust on first use: still closed before approval");
        assertTrue(!Files.isDirectory(joinerBlobs) || new BlobStore(joinerBlobs).versions("default").isEmpty());

        registry.approve(replica.id(), "replica-join-it");
        TpmSealer holder = new TpmSealer(TpmSettings.from(TestRootOfTrust.provider(),
                TestRootOfTrust.settings().bind(TpmConfig.class)), new SecureRandom());
        MasterKeyRecords records = new JdbcMasterKeyRecords(TestDatabase::connect);
        List<String> services = TestRootOfTrust.settings().bind(MasterKeyConfig.class).services();
        KeyDistribution.Outcome sent = new KeyDistribution(registry, sender, new SealedKeys(holder, records, services))
                .sendToApproved();
        assertTrue(sent.sent().containsKey(replica.id()), sent.toString());

        Reply ready = LibertyServer.awaitReady();
        assertEquals(200, ready.status(), ready.toString());
        Reply payload = Lockbox.payload(secretId, token);
        assertEquals(200, payload.status(), payload.toString());
        assertArrayEquals(MATERIAL, payload.body(), "read through master keys received TPM to TPM");
        for (String service : services) {
            List<Integer> versions = new BlobStore(joinerBlobs).versions(service);
            assertEquals(List.copyOf(records.recorded(service).keySet()), versions, service);
            for (int version : versions) {
                assertEquals(SealingPolicy.parse("pcr:23"), new BlobStore(joinerBlobs).read(service, version).policy());
            }
        }
        registry.revoke(replica.id(), "replica-join-it");
    }
}
