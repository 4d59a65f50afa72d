package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Group commit against a trail that only remembers the groups it was given (AuditTrailIT uses the real one). */
class AuditWriterTest {

    /** Remembers each group; refuses any group holding an event whose key id is "poison". */
    private static final class GroupsSeen extends AuditTrail {
        final List<List<EventFields>> groups = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch firstGroupMayFinish = new CountDownLatch(0);

        @Override
        public void recordAll(List<EventFields> events) {
            if (events.stream().anyMatch(e -> "poison".equals(e.keyId()))) {
                throw new IllegalStateException("refused");
            }
            groups.add(List.copyOf(events));
            await(firstGroupMayFinish);
        }
    }

    private static EventFields event(String keyId) {
        return AuditTrail.systemEvent("secrets.get", "default", "p1", keyId, EventFields.ALLOWED, null);
    }

    private static AuditWriter writer(GroupsSeen trail) {
        AuditWriter writer = new AuditWriter();
        writer.appender = new ChainAppender() {
            @Override
            public boolean tryAppend(List<EventFields> events) {
                return false; // as inside a global transaction: every group goes to the trail
            }
        };
        writer.trail = trail;
        return writer;
    }

    @Test
    void aLoneEventIsWrittenAloneBeforeRecordReturns() {
        GroupsSeen trail = new GroupsSeen();
        writer(trail).record(event("k1"));
        assertEquals(List.of(List.of("k1")), keyIds(trail.groups));
    }

    @Test
    void eventsWaitingForTheTurnAreWrittenTogetherEachExactlyOnce() throws Exception {
        GroupsSeen trail = new GroupsSeen();
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keyIds.add("k" + i);
        }
        assertEquals(Map.of(), recordBehindTheTurn(trail, keyIds), "no caller failed");
        List<List<String>> groups = keyIds(trail.groups);
        assertEquals(List.of("first"), groups.get(0));
        List<String> all = groups.stream().flatMap(List::stream).toList();
        assertEquals(21, all.size(), "every event once: " + groups);
        assertEquals(21, new HashSet<>(all).size(), "no event twice: " + groups);
        assertTrue(groups.size() < 21, "events that waited share a transaction: " + groups);
    }

    @Test
    void aGroupThatFailsIsRetriedOneByOneSoOnlyTheBadEventFails() throws Exception {
        GroupsSeen trail = new GroupsSeen();
        Map<String, Throwable> failures = recordBehindTheTurn(trail, List.of("good1", "poison", "good2"));
        assertEquals(Set.of("poison"), failures.keySet(), "only the bad event's caller fails");
        assertSame(IllegalStateException.class, failures.get("poison").getClass());
        Set<String> written = new HashSet<>(keyIds(trail.groups).stream().flatMap(List::stream).toList());
        assertEquals(Set.of("first", "good1", "good2"), written);
    }

    /**
     * Records "first" and holds its transaction open while one caller per key id queues behind the
     * turn, then lets them all through; answers what each caller that failed was thrown.
     */
    private static Map<String, Throwable> recordBehindTheTurn(GroupsSeen trail, List<String> keyIds)
            throws Exception {
        AuditWriter writer = writer(trail);
        CountDownLatch release = new CountDownLatch(1);
        trail.firstGroupMayFinish = release;
        ExecutorService pool = Executors.newFixedThreadPool(keyIds.size() + 1);
        try {
            Map<String, Future<?>> callers = new LinkedHashMap<>();
            callers.put("first", pool.submit(() -> writer.record(event("first"))));
            while (trail.groups.isEmpty()) {
                Thread.onSpinWait();
            }
            for (String keyId : keyIds) {
                callers.put(keyId, pool.submit(() -> writer.record(event(keyId))));
            }
            Thread.sleep(200); // the others queue up behind the turn the first one holds
            trail.firstGroupMayFinish = new CountDownLatch(0);
            release.countDown();
            Map<String, Throwable> failures = new HashMap<>();
            for (Map.Entry<String, Future<?>> caller : callers.entrySet()) {
                try {
                    caller.getValue().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.put(caller.getKey(), e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<List<String>> keyIds(List<List<EventFields>> groups) {
        synchronized (groups) {
            return groups.stream().map(g -> g.stream().map(EventFields::keyId).toList()).toList();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first group");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
