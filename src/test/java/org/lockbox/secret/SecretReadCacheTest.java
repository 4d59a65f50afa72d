package org.lockbox.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAclChanged;
import org.lockbox.policy.AccessTarget;

/** The read cache's staleness bound and its guard against keeping a row read before a change. */
class SecretReadCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private SecretReadCache cache;

    @BeforeEach
    void cacheOfOneSecond() {
        cache = new SecretReadCache();
        cache.maxAgeMillis = 1000;
        cache.clock = nanos::get;
    }

    private static Secret secret(String id) {
        return new Secret(id, "p1", "default", "alice", new NewSecret("k", SecretType.SYMMETRIC, "aes", 256, "cbc",
                null, null, null), LocalDateTime.now());
    }

    private static AccessTarget acl() {
        return AccessTarget.withDefaultAcl("Secret", "p1", "alice");
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    @Test
    void anEntryIsServedUpToTheBoundAndNeverAfter() {
        Secret secret = secret("s1");
        cache.keep(secret, acl(), cache.mark(), nanos.get());
        advanceMillis(1000);
        assertSame(secret, cache.fresh("s1").orElseThrow().secret());
        advanceMillis(1);
        assertTrue(cache.fresh("s1").isEmpty(), "older than the bound: read the database again");
    }

    @Test
    void theAgeCountsFromBeforeTheDatabaseWasRead() {
        long readAt = nanos.get();
        advanceMillis(600); // a slow read
        cache.keep(secret("s1"), acl(), cache.mark(), readAt);
        advanceMillis(401);
        assertTrue(cache.fresh("s1").isEmpty());
    }

    @Test
    void aRowReadBeforeAChangeIsNotKept() {
        long mark = cache.mark();
        cache.changed("another"); // any change while the row was being read
        cache.keep(secret("s1"), acl(), mark, nanos.get());
        assertTrue(cache.fresh("s1").isEmpty());
    }

    @Test
    void aChangeDropsTheEntryAtOnce() {
        cache.keep(secret("s1"), acl(), cache.mark(), nanos.get());
        cache.keep(secret("s2"), acl(), cache.mark(), nanos.get());
        cache.changed("s1");
        assertTrue(cache.fresh("s1").isEmpty());
        assertFalse(cache.fresh("s2").isEmpty(), "only the changed secret");
    }

    @Test
    void anAclChangeOfTheSecretDropsItsEntryButAContainersDoesNot() {
        cache.keep(secret("s1"), acl(), cache.mark(), nanos.get());
        cache.aclChanged(new ReadAclChanged(AclTarget.CONTAINER.column(), "s1"));
        assertFalse(cache.fresh("s1").isEmpty());
        cache.aclChanged(new ReadAclChanged(AclTarget.SECRET.column(), "s1"));
        assertTrue(cache.fresh("s1").isEmpty());
    }

    @Test
    void aBoundOfZeroKeepsNothing() {
        cache.maxAgeMillis = 0;
        cache.keep(secret("s1"), acl(), cache.mark(), nanos.get());
        assertTrue(cache.fresh("s1").isEmpty());
    }

    @Test
    void theCacheStaysWithinItsSize() {
        for (int i = 0; i < SecretReadCache.MAX_ENTRIES; i++) {
            cache.keep(secret("s" + i), acl(), cache.mark(), nanos.get());
        }
        advanceMillis(1001);
        cache.keep(secret("new"), acl(), cache.mark(), nanos.get());
        assertFalse(cache.fresh("new").isEmpty());
        assertTrue(cache.fresh("s0").isEmpty());
        assertEquals(1, countFresh());
    }

    private long countFresh() {
        long fresh = 0;
        for (int i = 0; i < SecretReadCache.MAX_ENTRIES; i++) {
            fresh += cache.fresh("s" + i).isPresent() ? 1 : 0;
        }
        return fresh + (cache.fresh("new").isPresent() ? 1 : 0);
    }
}
