package org.lockbox.rootoftrust.enrollment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.Swtpm;
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
    private MasterKeys holderKeys;
    private EnrollmentRounds holderRounds;

    @BeforeAll
    static void startTpms() throws Exception {
        Path ca = tpms.resolve("ek-ca");
        holderTpm = Swtpm.start(tpms.resolve("holder"));
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
        TpmSealer holder = sealer(holderTpm, "holder");
        for (String service : SERVICES) {
            int version = holder.provision(service);
            records.record(service, version, holder.unseal(service, version), "test");
        }
        holderKeys = MasterKeysForTests.started(holder, records, SERVICES);
        assertTrue(holderKeys.ready(), holderKeys.status().detail());
        holderRounds = new EnrollmentRounds(null, null, "holder", holderKeys, Optional.of(new KeyDistribution(registry,
                sender, new ReplicaEnrollment.HeldMasterKeys(holderKeys, SERVICES))));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private TpmSealer sealer(Swtpm tpm, String blobs) {
        return new TpmSealer(tpm.settings(temp.resolve(blobs), SealingPolicy.pcr(List.of(23)), null, 10_000),
                RandomSource.strongRandom());
    }

    /** A replica process started with lockbox.replica.join=true: its provider, master keys and rounds. */
    private record Joiner(MasterKeys keys, EnrollmentRounds rounds) {
    }

    private Joiner startJoiner() {
        TpmSealer tpm = sealer(joinerTpm, "joiner");
        JoiningProvider joining = new JoiningProvider(tpm, Duration.ofSeconds(10));
        MasterKeys keys = MasterKeysForTests.started(joining, records, SERVICES);
        return new Joiner(keys, new EnrollmentRounds(joining, new ReplicaJoin(registry, tpm, records, SERVICES),
                "replica-2", keys, Optional.empty()));
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
}
