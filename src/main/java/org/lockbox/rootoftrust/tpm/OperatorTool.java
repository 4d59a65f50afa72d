package org.lockbox.rootoftrust.tpm;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.lockbox.config.CommandOptions;
import org.lockbox.config.ConfigLookup;
import org.lockbox.primitive.RandomSource;
import org.lockbox.persistence.AdminDatabase;
import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeyConfig;
import org.lockbox.rootoftrust.MasterKeyFingerprint;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;

/**
 * The operator's tool for TPM-sealed master keys (run through scripts/lockbox-admin, with the
 * server's environment variables): provision, list, re-seal, recovery shares, restore, record
 * existing versions. It talks to the TPM directly (run it while the server is not starting: a TPM
 * serves one client at a time) and records each version it seals in the server's database.
 */
public final class OperatorTool {

    private static final String USAGE = """
            usage: lockbox-admin <command> [options]
              provision [--service S]...                    seal a new master-key version (default: every service)
              ensure                                        seal a first version for every service that has none
              list                                          versions, policy, whether each unseals now and matches
                                                            its record
              reseal --service S --version N [--policy pcr:7,11|auth] [--expected-pcr-digest HEX]
                                                            seal a version again under a new policy, to the PCRs'
                                                            current values or to the digest of a planned state
              recovery-shares --service S --version N --threshold K --shares N --out-dir DIR
                                                            write N shares of which K restore the key, one file each
                                                            (DIR/S.vN.share-I, mode 0600, never overwritten); without
                                                            --out-dir, on a terminal, show them one at a time
              restore --service S --version N               read shares from standard input (one per line) and
                                                            seal the key they restore on this TPM
              record-existing                               record the versions sealed before versions were
                                                            recorded (once, after upgrading); prints each one
              replicas list|approve|revoke|send|join        sibling replicas that receive the master keys TPM to
                                                            TPM (lockbox-admin replicas --help)
            Every version sealed here is recorded in the server's database with a keyed fingerprint; the
            server refuses a blob that is not recorded or does not match its record.
            Configuration comes from the server's variables: LOCKBOX_MASTER_KEY_PROVIDER (tpm-tcp or
            tpm-device), LOCKBOX_TPM_HOST, LOCKBOX_TPM_PORT, LOCKBOX_TPM_DEVICE, LOCKBOX_TPM_POLICY,
            LOCKBOX_TPM_AUTH, LOCKBOX_TPM_BLOB_DIR (or LOCKBOX_DATA_DIR/tpm), LOCKBOX_SERVICES, and the
            database's: DB_KIND, DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD (embedded Derby under
            LOCKBOX_DATA_DIR: stop the server first), or LOCKBOX_ADMIN_JDBC_URL.""";

    static final String RECORDED_BY = "lockbox-admin";
    static final String RECORDED_BY_UPGRADE = "record-existing";

    private final TpmSealer sealer;
    private final MasterKeyRecords records;
    private final List<String> services;
    private final PrintStream out;
    private final Console console;

    OperatorTool(TpmSealer sealer, MasterKeyRecords records, List<String> services, PrintStream out,
                 Console console) {
        this.sealer = sealer;
        this.records = records;
        this.services = services;
        this.out = out;
        this.console = console;
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        ConfigLookup config = ConfigLookup.environment();
        try {
            MasterKeyConfig masterKeys = config.bind(MasterKeyConfig.class);
            String provider = masterKeys.provider();
            if (!provider.startsWith("tpm-")) {
                throw new IllegalArgumentException("LOCKBOX_MASTER_KEY_PROVIDER is '" + provider
                        + "': this tool manages TPM-sealed master keys (tpm-tcp or tpm-device)");
            }
            TpmSealer sealer = new TpmSealer(TpmSettings.from(provider, config.bind(TpmConfig.class)),
                    RandomSource.strongRandom());
            try (AdminDatabase database = AdminDatabase.from(config)) {
                new OperatorTool(sealer, new JdbcMasterKeyRecords(database::open), masterKeys.services(), System.out,
                        System.console()).run(args[0], CommandOptions.parse(args));
            }
        } catch (IllegalArgumentException | SealingException e) {
            System.err.println("lockbox-admin: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(String command, Map<String, List<String>> options) throws SealingException {
        switch (command) {
            case "provision" -> {
                for (String service : options.getOrDefault("service", services)) {
                    out.println(service + " v" + provisionRecorded(service) + " sealed and recorded ("
                            + sealer.settings().policy() + ")");
                }
            }
            case "ensure" -> {
                for (String service : services) {
                    if (sealer.versions(service).isEmpty()) {
                        out.println(service + " v" + provisionRecorded(service) + " sealed and recorded ("
                                + sealer.settings().policy() + ")");
                    }
                }
            }
            case "list" -> list();
            case "reseal" -> {
                String service = CommandOptions.required(options, "service");
                int version = Integer.parseInt(CommandOptions.required(options, "version"));
                SealingPolicy policy = options.containsKey("policy")
                        ? SealingPolicy.parse(CommandOptions.required(options, "policy")) : sealer.settings().policy();
                byte[] expected = options.containsKey("expected-pcr-digest")
                        ? HexFormat.of().parseHex(CommandOptions.required(options, "expected-pcr-digest")) : null;
                checkRecorded(service, version, sealer.unseal(service, version));
                sealer.reseal(service, version, policy, expected);
                out.println(service + " v" + version + " re-sealed (" + policy
                        + (expected == null ? ", current PCR values)" : ", expected PCR digest)"));
            }
            case "recovery-shares" -> recoveryShares(options);
            case "restore" -> {
                String service = CommandOptions.required(options, "service");
                int version = Integer.parseInt(CommandOptions.required(options, "version"));
                List<String> shares = readShares();
                byte[] key = RecoveryShares.combine(shares);
                try {
                    for (String share : shares) {
                        RecoveryShares.Share parsed = RecoveryShares.parse(share);
                        if (!parsed.service().equals(service) || parsed.version() != version) {
                            throw new IllegalArgumentException("The shares are for " + parsed.service() + " v"
                                    + parsed.version() + ", not " + service + " v" + version);
                        }
                    }
                    SecretKey restored = new SecretKeySpec(key, "AES");
                    boolean recorded = records.recorded(service).containsKey(version);
                    if (recorded) {
                        checkRecorded(service, version, restored);
                    }
                    sealer.install(service, version, key);
                    if (!recorded) {
                        records.record(service, version, restored, RECORDED_BY);
                    }
                    out.println(service + " v" + version + " restored and sealed on this TPM ("
                            + sealer.settings().policy() + ")" + (recorded ? "; it matches its record" : "; recorded"));
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
            case "record-existing" -> recordExisting();
            default -> throw new IllegalArgumentException("Unknown command '" + command + "'\n" + USAGE);
        }
    }

    /** Seals a new version and records it; a version that cannot be recorded is removed again. */
    private int provisionRecorded(String service) throws SealingException {
        int version = sealer.provision(service);
        try {
            records.record(service, version, sealer.unseal(service, version), RECORDED_BY);
        } catch (SealingException e) {
            sealer.store().delete(service, version);
            throw new SealingException(e.getMessage() + "; the new blob " + service + " v" + version
                    + " was removed again", e);
        }
        return version;
    }

    private void checkRecorded(String service, int version, SecretKey key) throws SealingException {
        MasterKeyRecords.check(service, version, key, records.recorded(service), sealer.describe(service, version));
    }

    private void recordExisting() throws SealingException {
        int count = 0;
        for (String service : services) {
            Map<Integer, String> recorded = records.recorded(service);
            for (int version : sealer.versions(service)) {
                if (recorded.containsKey(version)) {
                    continue;
                }
                records.record(service, version, sealer.unseal(service, version), RECORDED_BY_UPGRADE);
                out.println(service + " v" + version + " recorded (" + sealer.describe(service, version) + ")");
                count++;
            }
        }
        out.println(count == 0 ? "every sealed version was recorded already"
                : count + " version(s) recorded: check that each one above is a version you provisioned");
    }

    private void recoveryShares(Map<String, List<String>> options) throws SealingException {
        String service = CommandOptions.required(options, "service");
        int version = Integer.parseInt(CommandOptions.required(options, "version"));
        int threshold = Integer.parseInt(CommandOptions.required(options, "threshold"));
        int count = Integer.parseInt(CommandOptions.required(options, "shares"));
        Path outDir = options.containsKey("out-dir") ? Path.of(CommandOptions.required(options, "out-dir")) : null;
        if (outDir == null && console == null) {
            throw new IllegalArgumentException("--out-dir DIR is required when no terminal is attached:"
                    + " shares are never printed to standard output");
        }
        byte[] key = sealer.exportForRecovery(service, version);
        try {
            checkRecorded(service, version, new SecretKeySpec(key, "AES"));
            List<String> shares = RecoveryShares.split(service, version, key, threshold, count, new SecureRandom());
            if (outDir != null) {
                List<Path> files = RecoveryShares.writeFiles(outDir, service, version, shares);
                out.println(files.size() + " shares of " + service + " v" + version + " (any " + threshold
                        + " restore it) written to " + outDir + ", mode 0600:");
                files.forEach(f -> out.println("  " + f.getFileName()));
                out.println("Hand each file to a different custodian, then delete it here.");
            } else {
                showOneAtATime(service, version, shares);
            }
        } catch (IOException e) {
            throw new SealingException("Cannot write recovery shares to " + outDir + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** On the terminal, never on standard output: one share, then the screen is cleared for the next custodian. */
    private void showOneAtATime(String service, int version, List<String> shares) {
        for (int i = 0; i < shares.size(); i++) {
            console.readLine("Custodian %d of %d for %s v%d: press Enter to show your share", i + 1, shares.size(),
                    service, version);
            console.printf("%s%n", shares.get(i));
            console.readLine("Copy it, then press Enter to clear the screen");
            console.printf("\033[H\033[2J\033[3J");
            console.flush();
        }
        console.printf("All %d shares shown once; none was stored.%n", shares.size());
    }

    private void list() throws SealingException {
        out.println("master keys in " + sealer.store().directory() + " (" + sealer.settings().describe() + ")");
        for (String service : services) {
            List<Integer> versions = sealer.versions(service);
            if (versions.isEmpty()) {
                out.println(service + ": none provisioned");
            }
            Map<Integer, String> recorded = records.recorded(service);
            for (int version : versions) {
                String state;
                try {
                    SecretKey key = sealer.unseal(service, version);
                    if (!recorded.containsKey(version)) {
                        state = "unseals, NOT RECORDED: the server refuses it";
                    } else if (!MasterKeyFingerprint.matches(service, version, key, recorded.get(version))) {
                        state = "unseals, DOES NOT MATCH ITS RECORD: the server refuses it";
                    } else {
                        state = "unseals, matches its record";
                    }
                } catch (SealingException e) {
                    state = "DOES NOT UNSEAL: " + e.getMessage();
                }
                out.println(service + " v" + version + " " + sealer.store().read(service, version).policy() + ": " + state);
            }
            for (int version : recorded.keySet()) {
                if (!versions.contains(version)) {
                    out.println(service + " v" + version + ": recorded, but NO BLOB here: the server refuses to start");
                }
            }
        }
    }

    private static List<String> readShares() {
        List<String> shares = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        in.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(shares::add);
        return shares;
    }
}
