package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.primitive.RandomSource;

/** Retiring software-sealed versions, and provisioning that never overwrites a version already sealed. */
class SoftwareSealerRetireTest {

    private static final char[] PASSPHRASE = "retire test passphrase".toCharArray();

    @TempDir
    Path dir;

    @Test
    void retireDeletesAnOldVersionAndNeverTheNewest() throws SealingException {
        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, RandomSource.strongRandom());
        sealer.provision("volume");
        sealer.provision("volume");
        sealer.provision("volume");

        sealer.retire("volume", 1);
        assertFalse(Files.exists(sealer.file("volume", 1)));
        assertEquals(List.of(2, 3), sealer.versions("volume"));

        SealingException newest = assertThrows(SealingException.class, () -> sealer.retire("volume", 3));
        assertTrue(newest.getMessage().contains("newest"), newest.getMessage());
        assertThrows(SealingException.class, () -> sealer.retire("volume", 1), "already retired");
        assertThrows(SealingException.class, () -> sealer.retire("object", 1), "never provisioned");
        assertEquals(List.of(2, 3), sealer.versions("volume"));
        assertEquals(4, sealer.provision("volume"), "a retired number is never sealed again");
    }

    /** Each caller's version unseals to the key that caller sealed: no provisioning overwrote another's file. */
    @Test
    void concurrentProvisioningNeverReplacesASealedVersion() throws Exception {
        Map<Thread, byte[]> keyOfThread = new ConcurrentHashMap<>();
        SecureRandom recording = new SecureRandom() {
            private final SecureRandom delegate = RandomSource.strongRandom();

            @Override
            public void nextBytes(byte[] bytes) {
                delegate.nextBytes(bytes);
                if (bytes.length == 32) {
                    keyOfThread.put(Thread.currentThread(), bytes.clone());
                }
            }
        };
        SoftwareSealer sealer = new SoftwareSealer(dir, PASSPHRASE, recording);
        int callers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<byte[][]>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        int version = sealer.provision("image");
                        return new byte[][] {{(byte) version}, keyOfThread.get(Thread.currentThread())};
                    } catch (SealingException refused) {
                        assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
                        return null;
                    }
                }));
            }
            go.countDown();
            Set<Integer> versions = new HashSet<>();
            for (Future<byte[][]> result : results) {
                byte[][] sealed = result.get();
                if (sealed != null) {
                    int version = sealed[0][0];
                    assertTrue(versions.add(version), "two callers were told they sealed version " + version);
                    assertArrayEquals(sealed[1], sealer.unseal("image", version).getEncoded(),
                            "version " + version + " holds the key its caller sealed");
                }
            }
            assertFalse(versions.isEmpty());
            assertEquals(versions.size(), sealer.versions("image").size());
        } finally {
            pool.shutdownNow();
        }
    }
}
