package org.lockbox.rootoftrust;

import java.util.List;

/** Master keys unsealed as the server's start unseals them, for tests in other packages. */
public final class MasterKeysForTests {

    private MasterKeysForTests() {
    }

    /** The master keys after startup, ready or failed closed; set-aside keys are wiped at once. */
    public static MasterKeys started(MasterKeyProvider provider, MasterKeyRecords records, List<String> services) {
        MasterKeys keys = new MasterKeys();
        keys.provider = provider;
        keys.records = records;
        keys.services = List.copyOf(services);
        keys.wipeLater = Runnable::run;
        keys.unsealAll();
        return keys;
    }
}
