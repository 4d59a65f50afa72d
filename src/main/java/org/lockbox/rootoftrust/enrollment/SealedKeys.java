package org.lockbox.rootoftrust.enrollment;

import java.util.List;
import javax.crypto.SecretKey;

import org.lockbox.rootoftrust.MasterKeyProvider;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.WipeableKey;

/**
 * The master keys sealed on this replica, as lockbox-admin sends them: each version unsealed when it
 * is sent and checked against its record first, so a planted or swapped blob is never sent on.
 */
public final class SealedKeys implements KeyDistribution.HeldKeys {

    private final MasterKeyProvider provider;
    private final MasterKeyRecords records;
    private final List<String> services;

    public SealedKeys(MasterKeyProvider provider, MasterKeyRecords records, List<String> services) {
        this.provider = provider;
        this.records = records;
        this.services = List.copyOf(services);
    }

    @Override
    public List<String> services() {
        return services;
    }

    /** The versions sealed here that are also recorded: an unrecorded blob is not a master key of Lockbox's. */
    @Override
    public List<Integer> versions(String service) throws SealingException {
        var recorded = records.recorded(service).keySet();
        return provider.versions(service).stream().filter(recorded::contains).toList();
    }

    @Override
    public byte[] keyBytes(String service, int version) throws SealingException {
        SecretKey key = provider.unseal(service, version);
        try {
            MasterKeyRecords.check(service, version, key, records.recorded(service), provider.describe(service, version));
            return key.getEncoded();
        } finally {
            WipeableKey.wipe(key);
        }
    }
}
