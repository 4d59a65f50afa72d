package org.lockbox.rootoftrust.tpm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.lockbox.crypto.RandomSource;
import org.lockbox.rootoftrust.SealingException;

/**
 * The operator's tool for TPM-sealed master keys (run through scripts/lockbox-admin, with the
 * server's environment variables): provision, list, re-seal, recovery shares, restore. It talks
 * to the TPM directly; run it while the server is not starting (a TPM serves one client at a time).
 */
public final class OperatorTool {

    private static final String USAGE = """
            usage: lockbox-admin <command> [options]
              provision [--service S]...                    seal a new master-key version (default: every service)
              ensure                                        seal a first version for every service that has none
              list                                          versions, policy, and whether each unseals now
              reseal --service S --version N [--policy pcr:7,11|auth] [--expected-pcr-digest HEX]
                                                            seal a version again under a new policy, to the PCRs'
                                                            current values or to the digest of a planned state
              recovery-shares --service S --version N --threshold K --shares N
                                                            print N shares of which K restore the key (shown once)
              restore --service S --version N               read shares from standard input (one per line) and
                                                            seal the key they restore on this TPM
            Configuration comes from the server's variables: LOCKBOX_MASTER_KEY_PROVIDER (tpm-tcp or
            tpm-device), LOCKBOX_TPM_HOST, LOCKBOX_TPM_PORT, LOCKBOX_TPM_DEVICE, LOCKBOX_TPM_POLICY,
            LOCKBOX_TPM_AUTH, LOCKBOX_TPM_BLOB_DIR (or LOCKBOX_DATA_DIR/tpm), LOCKBOX_SERVICES.""";

    private final TpmSealer sealer;
    private final List<String> services;
    private final PrintStream out;

    OperatorTool(TpmSealer sealer, List<String> services, PrintStream out) {
        this.sealer = sealer;
        this.services = services;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        Function<String, Optional<String>> config = TpmSettings.environment();
        try {
            String provider = config.apply("lockbox.master-key.provider").orElse("software");
            if (!provider.startsWith("tpm-")) {
                throw new IllegalArgumentException("LOCKBOX_MASTER_KEY_PROVIDER is '" + provider
                        + "': this tool manages TPM-sealed master keys (tpm-tcp or tpm-device)");
            }
            List<String> services = Arrays.stream(config.apply("lockbox.services")
                    .orElse("default,volume,object,image,compute").split(",")).map(String::trim).toList();
            TpmSealer sealer = new TpmSealer(TpmSettings.from(provider, config), RandomSource.strongRandom());
            new OperatorTool(sealer, services, System.out).run(args[0], options(args));
        } catch (IllegalArgumentException | SealingException e) {
            System.err.println("lockbox-admin: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(String command, Map<String, List<String>> options) throws SealingException {
        switch (command) {
            case "provision" -> {
                for (String service : options.getOrDefault("service", services)) {
                    out.println(service + " v" + sealer.provision(service) + " sealed (" + sealer.settings().policy() + ")");
                }
            }
            case "ensure" -> {
                for (String service : services) {
                    if (sealer.versions(service).isEmpty()) {
                        out.println(service + " v" + sealer.provision(service) + " sealed (" + sealer.settings().policy() + ")");
                    }
                }
            }
            case "list" -> list();
            case "reseal" -> {
                String service = required(options, "service");
                int version = Integer.parseInt(required(options, "version"));
                SealingPolicy policy = options.containsKey("policy")
                        ? SealingPolicy.parse(required(options, "policy")) : sealer.settings().policy();
                byte[] expected = options.containsKey("expected-pcr-digest")
                        ? HexFormat.of().parseHex(required(options, "expected-pcr-digest")) : null;
                sealer.reseal(service, version, policy, expected);
                out.println(service + " v" + version + " re-sealed (" + policy
                        + (expected == null ? ", current PCR values)" : ", expected PCR digest)"));
            }
            case "recovery-shares" -> {
                String service = required(options, "service");
                int version = Integer.parseInt(required(options, "version"));
                byte[] key = sealer.exportForRecovery(service, version);
                try {
                    List<String> shares = RecoveryShares.split(service, version, key,
                            Integer.parseInt(required(options, "threshold")),
                            Integer.parseInt(required(options, "shares")), new SecureRandom());
                    out.println("# Give each share to a different custodian. They are shown once and never stored.");
                    shares.forEach(out::println);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
            case "restore" -> {
                String service = required(options, "service");
                int version = Integer.parseInt(required(options, "version"));
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
                    sealer.install(service, version, key);
                    out.println(service + " v" + version + " restored and sealed on this TPM (" + sealer.settings().policy() + ")");
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
            default -> throw new IllegalArgumentException("Unknown command '" + command + "'\n" + USAGE);
        }
    }

    private void list() throws SealingException {
        out.println("master keys in " + sealer.store().directory() + " (" + sealer.settings().describe() + ")");
        for (String service : services) {
            List<Integer> versions = sealer.versions(service);
            if (versions.isEmpty()) {
                out.println(service + ": none provisioned");
            }
            for (int version : versions) {
                String state;
                try {
                    sealer.unseal(service, version);
                    state = "unseals";
                } catch (SealingException e) {
                    state = "DOES NOT UNSEAL: " + e.getMessage();
                }
                out.println(service + " v" + version + " " + sealer.store().read(service, version).policy() + ": " + state);
            }
        }
    }

    private static List<String> readShares() {
        List<String> shares = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        in.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(shares::add);
        return shares;
    }

    private static String required(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return values.get(values.size() - 1);
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --option value, got '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }
}
