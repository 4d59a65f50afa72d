package org.lockbox.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Scheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.WipeableKey;
import org.lockbox.primitive.RandomSource;

/** The cache of unwrapped KEKs, on a clock turned by hand: a fixed lifetime from unwrapping, and a wipe when set aside. */
class KekCacheTest {

    private static final String SERVICE = "volume";
    private static final String PROJECT = "project-1";
    private static final long CACHE_SECONDS = 600;

    private final SecureRandom random = RandomSource.strongRandom();
    private final Wrapping wrapping = new Wrapping(random);
    private final MasterKey master = new MasterKey(SERVICE, 1, new WipeableKey(bytes(32), "AES"));
    private final Map<Integer, ProjectKek> stored = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Runnable> graceOver = new ArrayList<>();
    private KeyEncryptionKeys keks;

    @BeforeEach
    void wire() {
        keks = new KeyEncryptionKeys();
        keks.wrapping = wrapping;
        keks.random = random;
        keks.cacheSeconds = CACHE_SECONDS;
        keks.ticker = nanos::get;
        keks.scheduler = Scheduler.disabledScheduler();
        keks.wipeLater = graceOver::add;
        keks.masterKeys = new MasterKeys() {
            @Override
            public MasterKey current(String service) {
                return master;
            }

            @Override
            public MasterKey version(String service, int version) {
                return master;
            }
        };
        keks.store = new KekStore() {
            @Override
            public ProjectKek find(String service, String projectId, int version) {
                reads.incrementAndGet();
                return stored.get(version);
            }
        };
        keks.init();
        for (int version = 1; version <= 3; version++) {
            stored.put(version, new ProjectKek(SERVICE, PROJECT, version, 1, wrapping.wrap(master.key(), bytes(32),
                    Binding.kek(SERVICE, PROJECT, version, 1)), LocalDateTime.now()));
        }
    }

    @Test
    void aKekInConstantUseIsUnwrappedAgainOnceItsFixedLifetimeIsOver() {
        SecretKey first = keks.forVersion(SERVICE, PROJECT, 1);
        for (int minute = 1; minute < 10; minute++) {
            advance(Duration.ofMinutes(1));
            assertSame(first, keks.forVersion(SERVICE, PROJECT, 1), "used every minute, within its lifetime");
        }
        assertEquals(1, reads.get());

        advance(Duration.ofSeconds(61)); // 601 s after it was unwrapped, though last used a minute ago

        SecretKey second = keks.forVersion(SERVICE, PROJECT, 1);
        assertNotSame(first, second, "unwrapped again: its lifetime ran from loading, not from its last use");
        assertEquals(2, reads.get());
        assertArrayEquals(first.getEncoded(), second.getEncoded(), "the same KEK");
    }

    @Test
    void anExpiredKekIsWipedOnceTheGraceIsOver() {
        SecretKey kek = keks.forVersion(SERVICE, PROJECT, 2);
        advance(Duration.ofSeconds(CACHE_SECONDS + 1));
        keks.forVersion(SERVICE, PROJECT, 3); // another request: the cache notices the expiry (the system
                                              // scheduler makes it notice on time when no request comes)

        assertEquals(1, graceOver.size(), "the wipe waits for the grace");
        assertFalse(kek.isDestroyed(), "a request handed it just before may still finish with it");
        graceOver.forEach(Runnable::run);
        assertTrue(kek.isDestroyed());
        assertThrows(IllegalStateException.class, kek::getEncoded, "never used as a key of zeros");
    }

    @Test
    void retiredVersionsAreForgottenAndWipedAndTheCurrentOneStays() {
        SecretKey v1 = keks.forVersion(SERVICE, PROJECT, 1);
        SecretKey v2 = keks.forVersion(SERVICE, PROJECT, 2);
        SecretKey v3 = keks.forVersion(SERVICE, PROJECT, 3);

        keks.forgetVersionsBelow(SERVICE, PROJECT, 3);
        graceOver.forEach(Runnable::run);

        assertTrue(v1.isDestroyed());
        assertTrue(v2.isDestroyed());
        assertFalse(v3.isDestroyed());
        assertSame(v3, keks.forVersion(SERVICE, PROJECT, 3));
        assertFalse(keks.forVersion(SERVICE, PROJECT, 1).isDestroyed(), "a later read unwraps it again");
    }

    @Test
    void everyKekIsWipedAtOnceWhenTheApplicationStops() {
        SecretKey v1 = keks.forVersion(SERVICE, PROJECT, 1);
        SecretKey v2 = keks.forVersion(SERVICE, PROJECT, 2);
        keks.wipeAll();
        assertTrue(v1.isDestroyed());
        assertTrue(v2.isDestroyed());
        assertTrue(graceOver.isEmpty(), "no grace when stopping");
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
