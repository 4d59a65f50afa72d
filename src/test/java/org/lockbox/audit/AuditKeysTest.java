package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.lockbox.primitive.Hkdf;

class AuditKeysTest {

    private static SecretKey master(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new SecretKeySpec(key, "AES");
    }

    @Test
    void theAuditKeyIsHkdfOfTheMasterKeyBoundToItsVersion() {
        AtomicInteger unsealed = new AtomicInteger();
        AuditKeys keys = new AuditKeys(() -> 2, version -> {
            unsealed.incrementAndGet();
            return master(version);
        });
        byte[] expected = Hkdf.derive("lockbox audit chain".getBytes(StandardCharsets.UTF_8), master(1).getEncoded(),
                "lockbox-audit-chain-hmac-sha256|default|v1".getBytes(StandardCharsets.UTF_8), 32);
        assertArrayEquals(expected, keys.key(1).getEncoded());
        assertEquals("HmacSHA256", keys.key(1).getAlgorithm());
        assertFalse(Arrays.equals(master(1).getEncoded(), keys.key(1).getEncoded()), "never the master key itself");
        assertFalse(Arrays.equals(keys.key(1).getEncoded(), keys.key(2).getEncoded()));
        assertSame(keys.key(2), keys.key(2), "derived once per version");
        assertEquals(2, unsealed.get());
        assertEquals(2, keys.currentVersion());
    }

    @Test
    void theSameVersionNumberOfAnotherMasterKeyGivesAnotherKey() {
        AuditKeys a = new AuditKeys(() -> 1, version -> master(7));
        AuditKeys b = new AuditKeys(() -> 1, version -> master(8));
        assertFalse(Arrays.equals(a.key(1).getEncoded(), b.key(1).getEncoded()));
    }

    @Test
    void aVersionThatCannotBeReachedIsRefusedWithoutAKey() {
        AuditKeys keys = new AuditKeys(() -> 1, version -> {
            throw new IllegalStateException("Master key version " + version + " is not available");
        });
        assertThrows(IllegalStateException.class, () -> keys.key(3));
        assertFalse(keys.toString().matches(".*[0-9a-f]{32}.*"), "names no key");
    }
}
