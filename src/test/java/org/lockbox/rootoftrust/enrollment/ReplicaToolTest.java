package org.lockbox.rootoftrust.enrollment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.config.ConfigLookup;
import org.lockbox.persistence.AdminDatabase;
import org.lockbox.primitive.RandomSource;
import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.SealingPolicy;
import org.lockbox.rootoftrust.tpm.Swtpm;
import org.lockbox.rootoftrust.tpm.TpmSealer;

/**
 * lockbox-admin replicas, as an operator runs it on two replicas (each with its own swtpm) sharing
 * one database (embedded Derby): join, list, approve, send, join again, revoke.
 */
class ReplicaToolTest {

    private static final List<String> SERVICES = List.of("default", "volume");

    @TempDir
    static Path tpms;

    private static Swtpm holderTpm;
    private static Swtpm joinerTpm;
    private static Optional<KeyTransferSender> trustedSender;

    @TempDir
    Path temp;

    private AdminDatabase database;
    private MasterKeyRecords records;
    private TpmSealer holder;
    private TpmSealer joiner;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeAll
    static void startTpms() throws Exception {
        Path ca = tpms.resolve("ek-ca");
        holderTpm = Swtpm.start(tpms.resolve("holder"));
        joinerTpm = Swtpm.provisioned(tpms.resolve("joiner"), ca);
        ReplicaConfig config = ConfigLookup.of(Map.of(
                "lockbox.replica.ek-ca-certificates", Swtpm.caRootCertificate(ca).toString(),
                "lockbox.replica.ek-intermediate-certificates", Swtpm.caIssuerCertificate(ca).toString()))
                .bind(ReplicaConfig.class);
        assertEquals(Duration.ofSeconds(10), config.pollInterval(), "the default from microprofile-config.properties");
        trustedSender = EkTrust.sender(config, RandomSource.strongRandom());
    }

    @AfterAll
    static void stopTpms() throws Exception {
        holderTpm.close();
        joinerTpm.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        database = new AdminDatabase("jdbc:derby:memory:replica-tool-" + UUID.randomUUID() + ";create=true", "app", "app");
        records = new JdbcMasterKeyRecords(database::open);
        holder = new TpmSealer(holderTpm.settings(temp.resolve("holder"), SealingPolicy.pcr(List.of(23)), null, 10_000),
                RandomSource.strongRandom());
        joiner = new TpmSealer(joinerTpm.settings(temp.resolve("joiner"), SealingPolicy.pcr(List.of(23)), null, 10_000),
                RandomSource.strongRandom());
        for (String service : SERVICES) {
            int version = holder.provision(service);
            records.record(service, version, holder.unseal(service, version), "test");
        }
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private int run(TpmSealer sealer, Optional<KeyTransferSender> sender, String command, String... options)
            throws Exception {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            parsed.computeIfAbsent(options[i], k -> new ArrayList<>()).add(options[i + 1]);
        }
        stdout.reset();
        return new ReplicaTool(new ReplicaRegistry(database::open), records, () -> sealer, () -> sender, SERVICES,
                Duration.ofMillis(200), "lockbox-admin:test", new PrintStream(stdout, true, StandardCharsets.UTF_8))
                .run(command, parsed, "default-name");
    }

    private String said() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOperatorApprovesAJoiningReplicaWhichThenHoldsTheSameKeys() throws Exception {
        assertEquals(ReplicaTool.NOT_DONE, run(joiner, Optional.empty(), "join", "name", "replica-2", "wait", "1"));
        String joined = said();
        assertTrue(joined.contains("waiting for an operator to approve"), joined);
        String id = new ReplicaRegistry(database::open).list().get(0).id();
        String fingerprint = new ReplicaRegistry(database::open).list().get(0).ekFingerprint();
        assertTrue(joined.contains("EK certificate SHA-256 " + fingerprint), joined);

        run(holder, trustedSender, "list");
        assertTrue(said().contains(id + "  replica-2  PENDING"), said());
        assertTrue(said().contains("SHA-256 " + fingerprint), said());
        run(holder, trustedSender, "send");
        assertTrue(said().contains("0 transfer blob(s) written"), "a pending replica is sent nothing: " + said());

        run(holder, trustedSender, "approve", "id", id);
        assertTrue(said().contains("APPROVED by lockbox-admin:test"), said());
        run(holder, trustedSender, "send");
        assertTrue(said().contains("2 transfer blob(s) written"), said());

        assertEquals(0, run(joiner, Optional.empty(), "join", "name", "replica-2"));
        assertTrue(said().contains("default v1 received and sealed on this TPM"), said());
        for (String service : SERVICES) {
            assertArrayEquals(holder.unseal(service, 1).getEncoded(), joiner.unseal(service, 1).getEncoded());
        }

        run(holder, trustedSender, "revoke", "id", id);
        assertTrue(said().contains("REVOKED by lockbox-admin:test"), said());
        run(holder, trustedSender, "list");
        assertTrue(said().contains(id + "  replica-2  REVOKED"), said());
    }

    @Test
    void sendingNeedsTrustedEkCasAndUnknownReplicasAreNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> run(holder, Optional.empty(), "send"));
        assertTrue(refused.getMessage().contains("LOCKBOX_REPLICA_EK_CA_CERTIFICATES"), refused.getMessage());
        assertThrows(org.lockbox.error.NotFoundException.class,
                () -> run(holder, trustedSender, "approve", "id", "no-such-replica"));
        assertThrows(IllegalArgumentException.class, () -> run(holder, trustedSender, "approve"));
    }
}
