package org.lockbox.rootoftrust.enrollment;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.lockbox.config.CommandOptions;
import org.lockbox.config.ConfigLookup;
import org.lockbox.error.DomainException;
import org.lockbox.persistence.AdminDatabase;
import org.lockbox.primitive.RandomSource;
import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeyConfig;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.EnrollmentRequest;
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.TpmConfig;
import org.lockbox.rootoftrust.tpm.TpmSealer;
import org.lockbox.rootoftrust.tpm.TpmSettings;

/**
 * The operator's commands for sibling replicas (scripts/lockbox-admin replicas ...): list the
 * replicas that asked for the master keys, approve or revoke one, send the master keys sealed on
 * this replica's TPM to every approved replica, and join from an empty TPM. Nothing is sent to a
 * replica until an operator approves it.
 */
public final class ReplicaTool {

    private static final String USAGE = """
            usage: lockbox-admin replicas <command> [options]
              list                                  every replica that asked for the master keys: id, name,
                                                    state, its EK certificate's subject and SHA-256 fingerprint
              approve --id ID                       approve a pending replica: replicas holding the master keys
                                                    then send it every version (compare the fingerprint with the
                                                    one the joining replica logged before approving)
              revoke --id ID                        revoke a replica, pending or approved: it is sent nothing
                                                    more and every blob made for it and not yet received is deleted
              send                                  from this replica's TPM, write a transfer blob of every
                                                    recorded version for every approved replica that lacks it
              join [--name NAME] [--wait SECONDS]   register this replica's empty TPM as pending, then receive
                                                    what was sent, check each key against its record and seal
                                                    it on this TPM; with --wait, keep looking
                                                    (every lockbox.replica.poll-interval) until done or the time
                                                    is up; exit status 0 when every version is sealed here, 3 if not
            Settings: the server's (LOCKBOX_MASTER_KEY_PROVIDER, LOCKBOX_TPM_*, LOCKBOX_SERVICES, the database's
            DB_* or LOCKBOX_ADMIN_JDBC_URL), and for send LOCKBOX_REPLICA_EK_CA_CERTIFICATES (PEM files of the
            CAs joining replicas' EK certificates must chain to) and LOCKBOX_REPLICA_EK_INTERMEDIATE_CERTIFICATES.""";

    static final int NOT_DONE = 3;

    private final ReplicaRegistry registry;
    private final MasterKeyRecords records;
    private final Supplier<TpmSealer> sealer;
    private final Supplier<Optional<KeyTransferSender>> sender;
    private final List<String> services;
    private final Duration pollInterval;
    private final String operator;
    private final PrintStream out;

    ReplicaTool(ReplicaRegistry registry, MasterKeyRecords records, Supplier<TpmSealer> sealer,
                Supplier<Optional<KeyTransferSender>> sender, List<String> services, Duration pollInterval,
                String operator, PrintStream out) {
        this.registry = registry;
        this.records = records;
        this.sealer = sealer;
        this.sender = sender;
        this.services = services;
        this.pollInterval = pollInterval;
        this.operator = operator;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        ConfigLookup config = ConfigLookup.environment();
        try {
            MasterKeyConfig masterKeys = config.bind(MasterKeyConfig.class);
            ReplicaConfig replicas = config.bind(ReplicaConfig.class);
            Supplier<TpmSealer> sealer = () -> {
                String provider = masterKeys.provider();
                if (!provider.startsWith("tpm-")) {
                    throw new IllegalArgumentException("LOCKBOX_MASTER_KEY_PROVIDER is '" + provider
                            + "': master keys move between replicas only TPM to TPM (tpm-tcp or tpm-device)");
                }
                return new TpmSealer(TpmSettings.from(provider, config.bind(TpmConfig.class)),
                        RandomSource.strongRandom());
            };
            String operator = "lockbox-admin:" + System.getProperty("user.name");
            int status;
            try (AdminDatabase database = AdminDatabase.from(config)) {
                status = new ReplicaTool(new ReplicaRegistry(database::open), new JdbcMasterKeyRecords(database::open),
                        sealer, () -> EkTrust.sender(replicas, RandomSource.strongRandom()), masterKeys.services(),
                        replicas.pollInterval(), operator, System.out)
                        .run(args[0], CommandOptions.parse(args), replicas.name().orElseGet(ReplicaTool::hostName));
            }
            System.exit(status);
        } catch (IllegalArgumentException | SealingException | DomainException e) {
            System.err.println("lockbox-admin replicas: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(1);
        }
    }

    /** Runs one command; returns the exit status. */
    int run(String command, Map<String, List<String>> options, String defaultName)
            throws SealingException, InterruptedException {
        switch (command) {
            case "list" -> list();
            case "approve" -> {
                Replica replica = registry.approve(CommandOptions.required(options, "id"), operator);
                out.println("replica " + replica.id() + " (" + replica.name() + ") APPROVED by " + replica.decidedBy()
                        + "; replicas holding the master keys send it every version (lockbox-admin replicas send)");
            }
            case "revoke" -> {
                Replica replica = registry.revoke(CommandOptions.required(options, "id"), operator);
                out.println("replica " + replica.id() + " (" + replica.name() + ") REVOKED by " + replica.decidedBy()
                        + "; the blobs made for it and not yet received are deleted");
            }
            case "send" -> send();
            case "join" -> {
                return join(options.containsKey("name") ? CommandOptions.required(options, "name") : defaultName,
                        options.containsKey("wait") ? Duration.ofSeconds(Long.parseLong(CommandOptions.required(options, "wait")))
                                : Duration.ZERO);
            }
            default -> throw new IllegalArgumentException("Unknown command '" + command + "'\n" + USAGE);
        }
        return 0;
    }

    private void list() throws SealingException {
        List<Replica> replicas = registry.list();
        if (replicas.isEmpty()) {
            out.println("no replica has asked for the master keys");
        }
        for (Replica replica : replicas) {
            out.println(replica.id() + "  " + replica.name() + "  " + replica.state() + "  requested "
                    + replica.requested() + (replica.decided() == null ? ""
                    : ", decided " + replica.decided() + " by " + replica.decidedBy()));
            out.println("    EK certificate " + replica.ekSubject() + ", SHA-256 " + replica.ekFingerprint());
            if (replica.state() == ReplicaState.APPROVED) {
                out.println("    sent: " + registry.offered(replica.id()));
            }
        }
    }

    private void send() throws SealingException {
        KeyTransferSender trusted = sender.get().orElseThrow(() -> new IllegalArgumentException(
                "Set LOCKBOX_REPLICA_EK_CA_CERTIFICATES to the PEM files of the CAs that joining replicas' EK"
                        + " certificates must chain to"));
        TpmSealer tpm = sealer.get();
        KeyDistribution.Outcome outcome = new KeyDistribution(registry, trusted,
                new SealedKeys(tpm, records, services)).sendToApproved();
        outcome.sent().forEach((id, versions) -> out.println("replica " + id + ": sent " + versions));
        outcome.refused().forEach((id, why) -> out.println("replica " + id + ": REFUSED, sent nothing: " + why));
        out.println(outcome.blobs() + " transfer blob(s) written");
    }

    private int join(String name, Duration wait) throws SealingException, InterruptedException {
        ReplicaJoin join = new ReplicaJoin(registry, sealer.get(), records, services);
        EnrollmentRequest request = join.enrollmentRequest();
        String id = registry.register(name, request);
        out.println("replica " + id + " (" + name + ") registered; EK certificate SHA-256 "
                + ReplicaRegistry.fingerprint(request.ekCertificate()));
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            ReplicaJoin.Progress progress = join.receive(id);
            progress.received().forEach(v -> out.println(v + " received and sealed on this TPM"));
            if (progress.complete()) {
                out.println("every recorded version is sealed on this TPM: the server can start");
                return 0;
            }
            if (progress.state() == ReplicaState.REVOKED || !Instant.now().plus(pollInterval).isBefore(deadline)) {
                out.println("not done: " + progress.waitingFor());
                return NOT_DONE;
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "replica";
        }
    }
}
