package org.lockbox.rootoftrust.enrollment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.error.ConflictException;
import org.lockbox.persistence.AdminDatabase;
import org.lockbox.primitive.RandomSource;
import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.KeyTransferReceiver;
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.Swtpm;
import org.lockbox.rootoftrust.tpm.TpmClient;
import org.lockbox.rootoftrust.tpm.TpmSealer;
import org.lockbox.rootoftrust.tpm.TransferBlob;

/**
 * Enrollment of sibling replicas with real parts: a holder's TPM (swtpm) with the master keys, two
 * joining TPMs provisioned by swtpm_setup with EK certificates from a trusted local CA, and the
 * registry in a real (embedded Derby) database migrated by the schema's own migrations.
 */
class ReplicaEnrollmentTest {

    private static final List<String> SERVICES = List.of("volume", "object");
    private static final SealingPolicy PCR23 = SealingPolicy.pcr(List.of(23));

    @TempDir
    static Path tpms;

    private static Swtpm holderTpm;
    private static Swtpm joinerTpm;
    private static Swtpm otherTpm;
    private static KeyTransferSender sender;

    @TempDir
    Path temp;

    private AdminDatabase database;
    private MasterKeyRecords records;
    private ReplicaRegistry registry;
    private TpmSealer holder;
    private TpmSealer joiner;
    private TpmSealer other;
    private KeyDistribution distribution;

    @BeforeAll
    static void startTpms() throws Exception {
        Path ca = tpms.resolve("ek-ca");
        holderTpm = Swtpm.start(tpms.resolve("holder"));
        joinerTpm = Swtpm.provisioned(tpms.resolve("joiner"), ca);
        otherTpm = Swtpm.provisioned(tpms.resolve("other"), ca);
        sender = new KeyTransferSender(List.of(certificate(Swtpm.caRootCertificate(ca))),
                List.of(certificate(Swtpm.caIssuerCertificate(ca))), RandomSource.strongRandom());
    }

    @AfterAll
    static void stopTpms() throws Exception {
        for (Swtpm tpm : new Swtpm[] {holderTpm, joinerTpm, otherTpm}) {
            if (tpm != null) {
                tpm.close();
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        database = new AdminDatabase("jdbc:derby:memory:enroll-" + UUID.randomUUID() + ";create=true", "app", "app");
        records = new JdbcMasterKeyRecords(database::open);
        registry = new ReplicaRegistry(database::open);
        holder = sealer(holderTpm, "holder-blobs");
        joiner = sealer(joinerTpm, "joiner-blobs");
        other = sealer(otherTpm, "other-blobs");
        provision("volume");
        provision("volume");
        provision("object");
        distribution = new KeyDistribution(registry, sender, new SealedKeys(holder, records, SERVICES));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private TpmSealer sealer(Swtpm tpm, String blobs) {
        return new TpmSealer(tpm.settings(temp.resolve(blobs), PCR23, null, 10_000), RandomSource.strongRandom());
    }

    private void provision(String service) throws SealingException {
        int version = holder.provision(service);
        records.record(service, version, holder.unseal(service, version), "test");
    }

    private ReplicaJoin join(TpmSealer sealer) {
        return new ReplicaJoin(registry, sealer, records, SERVICES);
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private List<byte[]> storedBlobs() throws Exception {
        List<byte[]> blobs = new ArrayList<>();
        try (Connection db = database.open();
             PreparedStatement query = db.prepareStatement("SELECT blob FROM transfer_blob WHERE blob IS NOT NULL");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                blobs.add(rows.getBytes(1));
            }
        }
        return blobs;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return HexFormat.of().formatHex(haystack).contains(HexFormat.of().formatHex(needle));
    }

    @Test
    void aPendingReplicaGetsNothingAndStaysWithoutKeys() throws Exception {
        ReplicaJoin join = join(joiner);
        String id = join.register("replica-b");
        assertEquals(id, join.register("replica-b"), "the same TPM asking again keeps its request");
        assertEquals(ReplicaState.PENDING, registry.find(id).orElseThrow().state());

        KeyDistribution.Outcome outcome = distribution.sendToApproved();

        assertEquals(0, outcome.blobs());
        assertEquals(Set.of(), registry.offered(id));
        assertTrue(storedBlobs().isEmpty());
        ReplicaJoin.Progress progress = join.receive(id);
        assertFalse(progress.complete());
        assertEquals(ReplicaState.PENDING, progress.state());
        assertEquals(List.of("volume v1", "volume v2", "object v1"), progress.missing());
        assertTrue(progress.waitingFor().contains("waiting for an operator to approve"), progress.waitingFor());
        assertEquals(List.of(), joiner.versions("volume"));
    }

    @Test
    void anApprovedReplicaRecoversIdenticalKeysResealedUnderItsOwnTpm() throws Exception {
        ReplicaJoin join = join(joiner);
        String id = join.register("replica-b");
        Replica approved = registry.approve(id, "operator-1");
        assertEquals(ReplicaState.APPROVED, approved.state());
        assertEquals("operator-1", approved.decidedBy());
        assertNotNull(approved.decided());

        KeyDistribution.Outcome outcome = distribution.sendToApproved();
        assertEquals(3, outcome.blobs(), outcome.toString());
        List<byte[]> stored = storedBlobs();
        assertEquals(3, stored.size());
        for (String service : SERVICES) {
            for (int version : holder.versions(service)) {
                byte[] key = holder.unseal(service, version).getEncoded();
                for (byte[] blob : stored) {
                    assertFalse(contains(blob, key), "no master key in clear in the database");
                }
            }
        }

        ReplicaJoin.Progress progress = join.receive(id);
        assertTrue(progress.complete(), progress.toString());
        assertEquals(3, progress.received().size());
        assertNull(progress.waitingFor());
        for (String service : SERVICES) {
            assertEquals(holder.versions(service), joiner.versions(service));
            for (int version : holder.versions(service)) {
                assertArrayEquals(holder.unseal(service, version).getEncoded(),
                        joiner.unseal(service, version).getEncoded(), service + " v" + version + " byte-identical");
                assertEquals(PCR23, joiner.store().read(service, version).policy());
            }
        }
        assertTrue(storedBlobs().isEmpty(), "received blobs are cleared");
        assertEquals(0, distribution.sendToApproved().blobs(), "nothing is sent twice");

        TpmSealer holderReadingJoinersBlobs = new TpmSealer(holderTpm.settings(joiner.store().directory(), PCR23,
                null, 10_000), RandomSource.strongRandom());
        assertThrows(SealingException.class, () -> holderReadingJoinersBlobs.unseal("volume", 1),
                "the joiner's copies are sealed under its own TPM");

        provision("volume");
        assertEquals(1, distribution.sendToApproved().blobs(), "a new version goes to the approved replica");
        assertEquals(List.of(new ServiceVersion("volume", 3)), join.receive(id).received());
        assertArrayEquals(holder.unseal("volume", 3).getEncoded(), joiner.unseal("volume", 3).getEncoded());
    }

    @Test
    void aRevokedReplicaGetsNothingAndItsBlobsAreGone() throws Exception {
        ReplicaJoin join = join(other);
        String id = join.register("replica-c");
        registry.approve(id, "operator-1");
        assertEquals(3, distribution.sendToApproved().blobs());

        Replica revoked = registry.revoke(id, "operator-2");

        assertEquals(ReplicaState.REVOKED, revoked.state());
        assertEquals("operator-2", revoked.decidedBy());
        assertEquals(Set.of(), registry.offered(id));
        assertTrue(storedBlobs().isEmpty());
        assertEquals(0, distribution.sendToApproved().blobs());
        ReplicaJoin.Progress progress = join.receive(id);
        assertFalse(progress.complete());
        assertTrue(progress.waitingFor().contains("revoked"), progress.waitingFor());
        assertEquals(List.of(), other.versions("volume"));
        assertThrows(ConflictException.class, () -> registry.approve(id, "operator-1"));
        assertFalse(registry.offer(id, new ServiceVersion("volume", 1),
                sender.wrap(registry.request(id), new byte[32])), "nothing is stored for a revoked replica");

        String again = join.register("replica-c");
        assertFalse(again.equals(id), "asking again after revocation is a new request");
        assertEquals(ReplicaState.PENDING, registry.find(again).orElseThrow().state());
    }

    @Test
    void aBlobMeantForOneTpmIsUselessOnAnother() throws Exception {
        String joinerId = join(joiner).register("replica-b");
        String otherId = join(other).register("replica-c");
        registry.approve(joinerId, "operator-1");
        distribution.sendToApproved();
        TransferBlob forJoiner = registry.blob(joinerId, new ServiceVersion("volume", 1)).orElseThrow();

        try (TpmClient tpm = TpmClient.connect(other.settings())) {
            SealingException refused = assertThrows(SealingException.class,
                    () -> new KeyTransferReceiver(tpm).receive(forJoiner));
            assertTrue(refused.getMessage().contains("another TPM"), refused.getMessage());
        }
        registry.approve(otherId, "operator-1");
        try (Connection db = database.open();
             PreparedStatement move = db.prepareStatement("UPDATE transfer_blob SET replica_id = ?"
                     + " WHERE replica_id = ?")) {
            move.setString(1, otherId);
            move.setString(2, joinerId);
            move.executeUpdate();
        }
        SealingException moved = assertThrows(SealingException.class, () -> join(other).receive(otherId),
                "the joiner's blobs, moved to the other replica's rows, do not open on its TPM");
        assertTrue(moved.getMessage().contains("another TPM"), moved.getMessage());
        assertEquals(List.of(), other.versions("volume"));
        assertEquals(List.of(), other.versions("object"));
    }

    @Test
    void aTransferredKeyThatDoesNotMatchItsRecordIsNotSealed() throws Exception {
        String id = join(joiner).register("replica-b");
        registry.approve(id, "operator-1");
        byte[] wrongKey = holder.unseal("volume", 2).getEncoded();
        assertTrue(registry.offer(id, new ServiceVersion("volume", 1), sender.wrap(registry.request(id), wrongKey)));

        SealingException refused = assertThrows(SealingException.class, () -> join(joiner).receive(id));

        assertTrue(refused.getMessage().contains("does not match"), refused.getMessage());
        assertEquals(List.of(), joiner.versions("volume"));
    }
}
