package org.lockbox.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.lockbox.config.ConfigLookup;
import org.lockbox.persistence.DatabaseAddress;
import org.lockbox.rootoftrust.MasterKeyProvider;
import org.lockbox.rootoftrust.provider.MasterKeyProviders;
import org.lockbox.rootoftrust.SealingException;

/**
 * scripts/lockbox-admin audit-verify: checks the audit chain straight from the database, without
 * the server, and names the first broken event. It reads the server's variables: DB_KIND, DB_HOST,
 * DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, and for Derby LOCKBOX_DATA_DIR (the embedded database,
 * while the server is stopped); LOCKBOX_AUDIT_JDBC_URL or --jdbc-url overrides the address.
 * The events' HMACs are checked under audit keys derived from the master key, which it unseals as
 * the server does (LOCKBOX_MASTER_KEY_PROVIDER and its LOCKBOX_TPM_* or LOCKBOX_DATA_DIR and
 * LOCKBOX_SEALER_PASSPHRASE settings): without the master key, the chain cannot be checked.
 * Exit status: 0 intact, 1 broken, 2 the check could not run.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        ConfigLookup config = ConfigLookup.environment();
        Optional<String> url = config.apply("lockbox.audit.jdbc-url");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jdbc-url") && i + 1 < args.length) {
                url = Optional.of(args[++i]);
            } else {
                System.err.println("usage: lockbox-admin audit-verify [--jdbc-url URL]");
                System.exit(2);
            }
        }
        DatabaseAddress database = DatabaseAddress.of(config, url, "");
        AuditKeys keys;
        try {
            keys = keys(config);
        } catch (RuntimeException e) {
            System.err.println("lockbox-admin: cannot reach the master key that keys the audit trail: "
                    + e.getMessage());
            System.exit(2);
            return;
        }
        Verification result;
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            db.setReadOnly(true);
            result = ChainVerifier.verify(db, keys);
        } catch (SQLException e) {
            System.err.println("lockbox-admin: cannot read the audit trail at " + database.url() + ": "
                    + e.getMessage());
            System.exit(2);
            return;
        }
        if (result.intact()) {
            System.out.println("audit chain intact: " + result.eventsChecked() + " events checked, head event "
                    + result.headSequence() + " hash " + result.headHash());
            System.exit(0);
        }
        Verification.Broken broken = result.firstBroken();
        System.out.println("audit chain BROKEN at event " + broken.sequence()
                + (broken.id() == null ? "" : " (" + broken.id() + ")") + ": " + broken.problem()
                + "; " + result.eventsChecked() + " events checked");
        System.exit(1);
    }

    /**
     * The audit keys, from the master keys sealed where the server's settings say (names as in
     * microprofile-config.properties); each version is unsealed when first needed.
     */
    public static AuditKeys keys(Function<String, Optional<String>> settings) {
        MasterKeyProvider provider = MasterKeyProviders.fromSettings(settings);
        String service = AuditKeys.MASTER_KEY_SERVICE;
        return new AuditKeys(() -> {
            try {
                List<Integer> versions = provider.versions(service);
                if (versions.isEmpty()) {
                    throw new IllegalStateException("no master key is sealed for service '" + service + "'");
                }
                return versions.get(versions.size() - 1);
            } catch (SealingException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, version -> {
            try {
                return provider.unseal(service, version);
            } catch (SealingException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
