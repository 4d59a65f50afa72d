package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final LocalDateTime TIME = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_901_234);

    private static EventFields event(String reason) {
        return new EventFields(7, "id-1", TIME, "req-1", "alice", "bob", "default", "p1", "secrets.get", "GET",
                "/v1/secrets/k", "k", EventFields.ALLOWED, 200, reason);
    }

    @Test
    void theHashCoversEveryFieldAndThePreviousHash() {
        EventFields base = event(null);
        List<EventFields> variants = List.of(base, base.at(8), event(""), event("x"),
                new EventFields(7, "id-2", TIME, "req-1", "alice", "bob", "default", "p1", "secrets.get", "GET",
                        "/v1/secrets/k", "k", EventFields.ALLOWED, 200, null),
                new EventFields(7, "id-1", TIME.plusSeconds(1), "req-1", "alice", "bob", "default", "p1", "secrets.get",
                        "GET", "/v1/secrets/k", "k", EventFields.ALLOWED, 200, null),
                new EventFields(7, "id-1", TIME, "req-1", "bob", "alice", "default", "p1", "secrets.get", "GET",
                        "/v1/secrets/k", "k", EventFields.ALLOWED, 200, null),
                new EventFields(7, "id-1", TIME, "req-1", "alice", "bob", "default", "p1", "secrets.get", "GET",
                        "/v1/secrets/k", "k", EventFields.DENIED, 403, null));
        Set<String> hashes = new HashSet<>();
        for (EventFields variant : variants) {
            assertTrue(hashes.add(ChainHash.of(variant, ChainHash.GENESIS)), variant.toString());
        }
        assertNotEquals(ChainHash.of(base, ChainHash.GENESIS), ChainHash.of(base, "1".repeat(64)));
        assertEquals(ChainHash.of(base, ChainHash.GENESIS), ChainHash.of(event(null), ChainHash.GENESIS),
                "deterministic");
        assertTrue(ChainHash.of(base, ChainHash.GENESIS).matches("[0-9a-f]{64}"));
    }

    @Test
    void fieldsAreBoundedAndFreeOfControlCharactersBeforeHashing() {
        EventFields e = event("line\r\nbreak\u0000" + "x".repeat(2000));
        assertEquals(1024, e.reason().length());
        assertTrue(e.reason().startsWith("line??break?x"));
        assertEquals(678_000_000, e.time().getNano(), "milliseconds, as every database keeps them");
        assertEquals(e, new EventFields(e.sequence(), e.id(), e.time(), e.requestId(), e.userId(), e.actingUserId(),
                e.service(), e.projectId(), e.action(), e.method(), e.path(), e.keyId(), e.outcome(), e.status(),
                e.reason()), "cleaning twice changes nothing");
    }

    @Test
    void aKeyedHashNeedsTheKeyAndCoversTheKeyVersion() {
        EventFields base = event(null);
        javax.crypto.SecretKey one = new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256");
        byte[] other = new byte[32];
        other[0] = 1;
        javax.crypto.SecretKey two = new javax.crypto.spec.SecretKeySpec(other, "HmacSHA256");
        String keyed = ChainHash.keyed(base, ChainHash.GENESIS, 1, one);
        assertTrue(keyed.matches("[0-9a-f]{64}"));
        assertEquals(keyed, ChainHash.keyed(event(null), ChainHash.GENESIS, 1, one), "deterministic");
        Set<String> hashes = new HashSet<>(List.of(keyed, ChainHash.of(base, ChainHash.GENESIS)));
        assertTrue(hashes.add(ChainHash.keyed(base, ChainHash.GENESIS, 1, two)), "another key");
        assertTrue(hashes.add(ChainHash.keyed(base, ChainHash.GENESIS, 2, one)), "another version");
        assertTrue(hashes.add(ChainHash.keyed(base, "1".repeat(64), 1, one)), "another previous hash");
        assertTrue(hashes.add(ChainHash.keyed(event("x"), ChainHash.GENESIS, 1, one)), "another field");
        EventFields ofKeyProject = new EventFields(7, "id-1", TIME, "req-1", "alice", "bob", "default", "p1",
                "secrets.get", "GET", "/v1/secrets/k", "k", EventFields.ALLOWED, 200, null, "p2");
        assertTrue(hashes.add(ChainHash.keyed(ofKeyProject, ChainHash.GENESIS, 1, one)), "another key project");
        assertEquals(ChainHash.of(base, ChainHash.GENESIS), ChainHash.of(ofKeyProject, ChainHash.GENESIS),
                "plain events, from before the key's project was recorded, never covered it");
        assertEquals(7, hashes.size());
    }

    @Test
    void theBoundarysSealCoversWhereAndWhatItFollows() {
        javax.crypto.SecretKey key = new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256");
        Set<String> seals = new HashSet<>();
        assertTrue(seals.add(ChainHash.boundary(4, ChainHash.GENESIS, 1, key)));
        assertTrue(seals.add(ChainHash.boundary(5, ChainHash.GENESIS, 1, key)));
        assertTrue(seals.add(ChainHash.boundary(4, "1".repeat(64), 1, key)));
        assertTrue(seals.add(ChainHash.boundary(4, ChainHash.GENESIS, 2, key)));
        assertTrue(ChainHash.same(ChainHash.boundary(4, ChainHash.GENESIS, 1, key),
                ChainHash.boundary(4, ChainHash.GENESIS, 1, key)));
        assertFalse(ChainHash.same(ChainHash.GENESIS, null));
    }

    @Test
    void aRefusalConcealedAs404ShowsTenantsOnlyThatItWasDenied() {
        EventFields refused = new EventFields(9, "id-9", TIME, "req-9", "mallory", "mallory", "default", "outsider",
                "secrets.get", "GET", "/v1/secrets/k", "k", EventFields.DENIED, 404, "scope: a user-scoped key is not"
                + " visible to users outside its project", "owner");
        EventFields toOutsider = refused.concealedFor("outsider");
        assertEquals(null, toOutsider.reason());
        assertEquals(null, toOutsider.keyProjectId(), "the key's project is not revealed to the refused caller's");
        assertEquals(EventFields.DENIED, toOutsider.outcome());
        assertEquals(404, toOutsider.status());
        EventFields toOwner = refused.concealedFor("owner");
        assertEquals(null, toOwner.reason());
        assertEquals("owner", toOwner.keyProjectId());
        EventFields forbidden = new EventFields(9, "id-9", TIME, "req-9", "rita", "rita", "default", "owner",
                "secrets.payload", "GET", "/v1/secrets/k/payload", "k", EventFields.DENIED, 403, "roles", "owner");
        assertEquals(forbidden, forbidden.concealedFor("owner"), "a 403 keeps its reason");
        EventFields missing = new EventFields(9, "id-9", TIME, "req-9", "rita", "rita", "default", "owner",
                "secrets.get", "GET", "/v1/secrets/k", "k", EventFields.FAILED, 404, "Secret not found.", null);
        assertEquals(missing, missing.concealedFor("owner"), "a key that does not exist reveals nothing");
    }
}
