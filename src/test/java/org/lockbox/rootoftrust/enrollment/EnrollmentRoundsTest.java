package org.lockbox.rootoftrust.enrollment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.persistence.AdminDatabase;
import org.lockbox.primitive.RandomSource;
import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.MasterKeysForTests;
import org.lockbox.rootoftrust.MasterKeysUnavailableException;
import org.lockbox.rootoftrust.VersionTakenException;
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.Swtpm;
import org.lockbox.rootoftrust.tpm.TpmClient;
import org.lockbox.rootoftrust.tpm.TpmSealer;

/**
 * The server's side of enrollment, round by round, as its timer runs it: a holder's master keys on
 * one swtpm, a replica started with lockbox.replica.join=true on another (provisioned with an EK
 * certificate), both sharing a Derby database. The joiner fails closed until it has joined.
 */
class EnrollmentRoundsTest {

    private static final List<String> SERVICES = List.of("default", "volume");

    @TempDir
    static Path tpms;

    private static Swtpm holderTpm;
    private static Swtpm joinerTpm;
    private static KeyTransferSender sender;

    @TempDir
    Path temp;

    private AdminDatabase database;
    private MasterKeyRecords records;
    private ReplicaRegistry registry;
    private ReplicaVersions versions;
    private MasterKeys holderKeys;
    private EnrollmentRounds holderRounds;

    @BeforeAll
    static void startTpms() throws Exception {
        Path ca = tpms.resolve("ek-ca");
        holderTpm = Swtpm.provisioned(tpms.resolve("holder"), ca);
        joinerTpm = Swtpm.provisioned(tpms.resolve("joiner"), ca);
        sender = new KeyTransferSender(EkTrust.certificates(List.of(Swtpm.caRootCertificate(ca).toString())),
                EkTrust.certificates(List.of(Swtpm.caIssuerCertificate(ca).toString())), RandomSource.strongRandom());
    }

    @AfterAll
    static void stopTpms() throws Exception {
        holderTpm.close();
        joinerTpm.close();
    }

    @BeforeEach
    void startHolder() throws Exception {
        database = new AdminDatabase("jdbc:derby:memory:rounds-" + UUID.randomUUID() + ";create=true", "app", "app");
        records = new JdbcMasterKeyRecords(database::open);
        registry = new ReplicaRegistry(database::open);
        versions = new ReplicaVersions(database::open);
        TpmSealer holder = sealer(holderTpm, "holder");
        for (String service : SERVICES) {
            int version = holder.provision(service);
            records.record(service, version, holder.unseal(service, version), "test");
        }
        holderKeys = MasterKeysForTests.started(holder, records, SERVICES);
        assertTrue(holderKeys.ready(), holderKeys.status().detail());
        holderRounds = new EnrollmentRounds(null, new ReplicaJoin(registry, holder, records, SERVICES), "holder",
                holderKeys, distribution(holderKeys), versions);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private Optional<KeyDistribution> distribution(MasterKeys keys) {
        return Optional.of(new KeyDistribution(registry, sender, new ReplicaEnrollment.HeldMasterKeys(keys, SERVICES)));
    }

    private TpmSealer sealer(Swtpm tpm, String blobs) {
        return new TpmSealer(tpm.settings(temp.resolve(blobs), SealingPolicy.pcr(List.of(23)), null, 10_000),
                RandomSource.strongRandom());
    }

    /** A replica process started with lockbox.replica.join=true: its provider, master keys and rounds. */
    private record Joiner(MasterKeys keys, EnrollmentRounds rounds, TpmSealer tpm) {
    }

    private Joiner startJoiner() {
        TpmSealer tpm = sealer(joinerTpm, "joiner");
        JoiningProvider joining = new JoiningProvider(tpm, Duration.ofSeconds(10));
        MasterKeys keys = MasterKeysForTests.started(joining, records, SERVICES);
        return new Joiner(keys, new EnrollmentRounds(joining, new ReplicaJoin(registry, tpm, records, SERVICES),
                "replica-2", keys, distribution(keys), versions), tpm);
    }

    /** The holder and a joiner, both approved, the joiner holding every master key. */
    private Joiner twoApprovedReplicas() throws Exception {
        Joiner joiner = startJoiner();
        holderRounds.run();
        joiner.rounds().run();
        registry.approve(holderRounds.replicaId(), "operator");
        registry.approve(joiner.rounds().replicaId(), "operator");
        holderRounds.run();
        joiner.rounds().run();
        assertTrue(joiner.keys().ready(), joiner.keys().status().detail());
        return joiner;
    }

    @Test
    void aJoiningReplicaServesNothingUntilApprovedAndSentThenHoldsTheHoldersKeys() throws Exception {
        Joiner joiner = startJoiner();
        assertFalse(joiner.keys().ready());
        assertTrue(joiner.keys().status().detail().contains("joining"), joiner.keys().status().detail());
        assertThrows(MasterKeysUnavailableException.class, () -> joiner.keys().current("volume"));

        joiner.rounds().run();
        String id = joiner.rounds().replicaId();
        assertNotNull(id, "registered at its first round");
        assertEquals(ReplicaState.PENDING, registry.find(id).orElseThrow().state());
        holderRounds.run();
        assertEquals(Set.of(), registry.offered(id), "no trust on first use: a pending replica is sent nothing");
        joiner.rounds().run();
        assertFalse(joiner.keys().ready());

        registry.approve(id, "operator");
        joiner.rounds().run();
        assertFalse(joiner.keys().ready(), "approved, but nothing was sent yet");
        holderRounds.run();
        assertEquals(2, registry.offered(id).size());
        joiner.rounds().run();

        assertTrue(joiner.keys().ready(), joiner.keys().status().detail());
        for (String service : SERVICES) {
            assertArrayEquals(holderKeys.current(service).key().getEncoded(),
                    joiner.keys().current(service).key().getEncoded());
        }

        int provisioned = holderKeys.provision("volume").version();
        holderRounds.run();
        joiner.rounds().run();
        assertArrayEquals(holderKeys.version("volume", provisioned).key().getEncoded(),
                joiner.keys().version("volume", provisioned).key().getEncoded(),
                "a version provisioned after the join reaches the running replica");

        Joiner restarted = startJoiner();
        restarted.rounds().run();
        assertEquals(id, restarted.rounds().replicaId(), "a restart keeps the replica's registration");
        assertTrue(restarted.keys().ready(), restarted.keys().status().detail());
    }

    @Test
    void aRevokedJoiningReplicaStaysClosed() throws Exception {
        Joiner joiner = startJoiner();
        joiner.rounds().run();
        String id = joiner.rounds().replicaId();
        registry.approve(id, "operator");
        holderRounds.run();
        registry.revoke(id, "operator");
        holderRounds.run();

        joiner.rounds().run();

        assertFalse(joiner.keys().ready());
        assertEquals(Set.of(), registry.offered(id));
        assertThrows(MasterKeysUnavailableException.class, () -> joiner.keys().current("default"));
    }

    @Test
    void anApprovedReplicaRestartedWithChangedPcrsSaysSoInsteadOfWaitingForApproval() throws Exception {
        twoApprovedReplicas();
        Joiner restartedBefore = startJoiner();
        assertTrue(restartedBefore.keys().status().detail().contains("confirmed in the database that it is still"
                + " approved"), restartedBefore.keys().status().detail());
        try (TpmClient tpm = TpmClient.connect(restartedBefore.tpm().settings())) {
            tpm.extendPcr(23, "unexpected boot component".getBytes(StandardCharsets.US_ASCII));
        }

        Joiner restarted = startJoiner();

        String detail = restarted.keys().status().detail();
        assertFalse(restarted.keys().ready());
        assertTrue(detail.contains("platform state (PCR values) no longer matches the policy (pcr:23)"), detail);
        assertTrue(detail.contains("not waiting for an operator's approval"), detail);
        assertFalse(detail.contains("until an operator approves"), detail);
        restarted.rounds().run();
        assertFalse(restarted.keys().ready());
        assertTrue(restarted.keys().status().detail().contains("does not match the policy the key was sealed to"),
                restarted.keys().status().detail());
        assertThrows(MasterKeysUnavailableException.class, () -> restarted.keys().current("default"));
    }

    @Test
    void aVersionProvisionedOnAnyReplicaBecomesCurrentOnEveryLiveOne() throws Exception {
        Joiner joiner = twoApprovedReplicas();
        assertNotNull(holderRounds.replicaId(), "the holder registers too, to receive its siblings' versions");
        for (ServiceVersion held : registry.offered(holderRounds.replicaId())) {
            assertTrue(registry.blob(holderRounds.replicaId(), held).isEmpty(), "no blob waits for a replica that"
                    + " holds its version: " + held);
        }

        int provisioned = joiner.keys().provision("volume").version();
        assertEquals(2, versions.behind("volume", provisioned, Duration.ofMinutes(1)).size(),
                "both replicas last reported version 1");
        joiner.rounds().run();
        holderRounds.run();

        assertEquals(provisioned, holderKeys.current("volume").version(), "current on the holder at its next round");
        assertArrayEquals(joiner.keys().current("volume").key().getEncoded(),
                holderKeys.current("volume").key().getEncoded());
        assertEquals(List.of(), versions.behind("volume", provisioned, Duration.ofMinutes(1)));
        assertEquals(List.of(), versions.behind("volume", provisioned + 1, Duration.ZERO),
                "a replica that has not reported lately is not waited for");

        holderKeys.retire("volume", 1);
        joiner.rounds().run();
        assertEquals(List.of(provisioned), joiner.keys().versions("volume"), "retired on every replica");
        assertEquals(List.of(provisioned), joiner.tpm().versions("volume"), "its sealed copy there is deleted");
    }

    @Test
    void twoReplicasRotatingAtTheSameMomentAgreeOnOneVersion() throws Exception {
        Joiner joiner = twoApprovedReplicas();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (MasterKeys keys : List.of(holderKeys, joiner.keys())) {
                attempts.add(both.submit(() -> {
                    together.await();
                    try {
                        return keys.provision("default").version();
                    } catch (VersionTakenException lost) {
                        return -1;
                    }
                }));
            }
            List<Integer> outcomes = new ArrayList<>();
            for (Future<Integer> attempt : attempts) {
                outcomes.add(attempt.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, outcomes.stream().filter(version -> version == 2).count(), "one rotation wins: " + outcomes);
            assertEquals(1, outcomes.stream().filter(version -> version == -1).count(), "the other is refused");
        } finally {
            both.shutdownNow();
        }
        assertEquals(Set.of(1, 2), records.recorded("default").keySet());

        for (int round = 0; round < 2; round++) {
            holderRounds.run();
            joiner.rounds().run();
        }
        assertEquals(2, holderKeys.current("default").version());
        assertEquals(2, joiner.keys().current("default").version());
        assertArrayEquals(holderKeys.current("default").key().getEncoded(),
                joiner.keys().current("default").key().getEncoded(), "both hold the winner's key");
    }
}
