package org.lockbox.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Records request events with group commit. Appends take turns at the chain's head anyway, so
 * rather than one transaction per event, whichever request holds the turn writes every event
 * waiting at that moment in one transaction; the others find theirs committed when their turn
 * comes. Each caller still returns only once its own event is committed. If a group fails, its
 * events are retried one by one, so one bad event withholds only its own response. Groups go through
 * {@link ChainAppender} (plain JDBC), or {@link AuditTrail} where it declines.
 */
@ApplicationScoped
public class AuditWriter {

    /** At most this many events in one transaction. */
    static final int MAX_GROUP = 256;

    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final Lock turn = new ReentrantLock();

    @Inject
    ChainAppender appender;

    @Inject
    AuditTrail trail;

    /**
     * Records the event, committed before this returns.
     *
     * @throws RuntimeException what the database answered, if the event could not be recorded
     */
    public void record(EventFields event) {
        Pending mine = new Pending(event);
        waiting.add(mine);
        turn.lock();
        try {
            while (!mine.finished) {
                write(nextGroup());
            }
        } finally {
            turn.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private List<Pending> nextGroup() {
        List<Pending> group = new ArrayList<>();
        for (Pending next; group.size() < MAX_GROUP && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        return group;
    }

    private void write(List<Pending> group) {
        try {
            List<EventFields> events = group.stream().map(Pending::event).toList();
            if (!appender.tryAppend(events)) {
                trail.recordAll(events);
            }
            group.forEach(pending -> pending.finish(null));
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).finish(e);
                return;
            }
            for (Pending pending : group) {
                write(List.of(pending));
            }
        }
    }

    /** An event and, once its group is written, whether it failed. Read and written under the turn. */
    private static final class Pending {
        private final EventFields event;
        private boolean finished;
        private RuntimeException failure;

        Pending(EventFields event) {
            this.event = event;
        }

        EventFields event() {
            return event;
        }

        void finish(RuntimeException failure) {
            this.failure = failure;
            this.finished = true;
        }
    }
}
