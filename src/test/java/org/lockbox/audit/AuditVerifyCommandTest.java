package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.rootoftrust.SoftwareSealer;

/** The operator's command reaches the same audit keys as the server, from the same settings. */
class AuditVerifyCommandTest {

    @TempDir
    Path data;

    @Test
    void derivesTheServersAuditKeysFromTheSealedMasterKeys() throws Exception {
        SoftwareSealer sealer = new SoftwareSealer(data.resolve("sealed"), "a passphrase".toCharArray(),
                new SecureRandom());
        int first = sealer.provision(AuditKeys.MASTER_KEY_SERVICE);
        int second = sealer.provision(AuditKeys.MASTER_KEY_SERVICE);
        Map<String, String> settings = Map.of("lockbox.data.dir", data.toString(),
                "lockbox.sealer.passphrase", "a passphrase");
        AuditKeys keys = AuditVerifyCommand.keys(name -> Optional.ofNullable(settings.get(name)));

        assertEquals(second, keys.currentVersion());
        assertArrayEquals(AuditKeys.derive(sealer.unseal(AuditKeys.MASTER_KEY_SERVICE, first), first).getEncoded(),
                keys.key(first).getEncoded());
        assertFalse(Arrays.equals(keys.key(first).getEncoded(), keys.key(second).getEncoded()));
    }

    @Test
    void theWrongPassphraseReachesNoKey() throws Exception {
        new SoftwareSealer(data.resolve("sealed"), "a passphrase".toCharArray(), new SecureRandom())
                .provision(AuditKeys.MASTER_KEY_SERVICE);
        Map<String, String> settings = Map.of("lockbox.data.dir", data.toString(),
                "lockbox.sealer.passphrase", "another passphrase");
        AuditKeys keys = AuditVerifyCommand.keys(name -> Optional.ofNullable(settings.get(name)));
        assertThrows(IllegalStateException.class, () -> keys.key(1));
    }

    @Test
    void anUnknownProviderIsNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AuditVerifyCommand.keys(
                name -> name.equals("lockbox.master-key.provider") ? Optional.of("hsm") : Optional.empty()));
        assertTrue(refused.getMessage().contains("'hsm'"), refused.getMessage());
    }
}
