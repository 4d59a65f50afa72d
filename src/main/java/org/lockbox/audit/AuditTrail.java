package org.lockbox.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.lockbox.persistence.Page;
import org.lockbox.persistence.SchemaMigration;

/**
 * Appends events to the chain and reads them back. An append locks the chain's head row, writes each
 * event with the hash before it as its previous hash and its HMAC under the current audit key
 * ({@link AuditKeys}), and moves the head, all in one short
 * transaction: replicas sharing the database take turns at the head and the chain never forks,
 * and the lock is held only for those inserts, never across a request.
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Resource(lookup = "jdbc/lockbox")
    DataSource dataSource;

    @Inject
    AuditKeys keys;

    @EJB
    SchemaMigration schema;

    /** The migration that keyed the chain; the server that applies it seals the boundary. */
    static final String KEYING_MIGRATION = "7";

    /**
     * Whether this server has seen the boundary sealed. From then on it never seals one again: a
     * boundary found unsealed later was reset in the database, and stays reported as broken.
     */
    private static volatile boolean boundarySeen;

    /**
     * Records events, in order, in a transaction of their own, committed before this returns: a
     * request that rolls back is still audited, and the response waits for the record. One lock of
     * the head and one commit serve them all (see {@link AuditWriter}).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAll(List<EventFields> events) {
        AuditChainHead head = lockedHead();
        Keying keying = keying(head);
        events.forEach(event -> place(head, event, keying));
        em.flush();
    }

    /** Records an event in the caller's transaction: the event stands or falls with the work it describes. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AuditEvent recordWithin(EventFields event) {
        AuditChainHead head = lockedHead();
        AuditEvent stored = place(head, event, keying(head));
        em.flush();
        return stored;
    }

    private AuditChainHead lockedHead() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("The audit chain head is missing: the audit trail cannot be appended to");
        }
        return head;
    }

    /**
     * The current audit key, looked up once per transaction. Seals the boundary if this server keyed
     * the chain, or whenever keying began with the first event (when another process, such as
     * lockbox-admin, applied the migration to an empty chain): such a seal passes no plain event.
     */
    private Keying keying(AuditChainHead head) {
        int version = keys.currentVersion();
        Keying keying = new Keying(version, keys.key(version));
        if (!head.boundaryUnsealed()) {
            boundarySeen = true;
        } else if (head.keyedFromGenesis() || !boundarySeen && schema.appliedNow(KEYING_MIGRATION)) {
            head.sealBoundary(version, keying.key());
        }
        return keying;
    }

    private record Keying(int version, SecretKey key) {
    }

    private AuditEvent place(AuditChainHead head, EventFields event, Keying keying) {
        EventFields placed = event.at(head.lastSequence() + 1);
        String hash = ChainHash.keyed(placed, head.lastHash(), keying.version(), keying.key());
        AuditEvent stored = new AuditEvent(placed, head.lastHash(), hash, keying.version());
        em.persist(stored);
        head.advance(placed.sequence(), hash);
        return stored;
    }

    /** An event of Lockbox's own (no request carries it), e.g. a scheduled destruction. */
    public static EventFields systemEvent(String action, String service, String projectId, String keyId,
                                          String outcome, String reason) {
        return new EventFields(0, UUID.randomUUID().toString(), LocalDateTime.now(ZoneOffset.UTC), null, "lockbox",
                "lockbox", service, projectId, action, null, null, keyId, outcome, 0, reason, projectId);
    }

    public Optional<AuditEvent> find(String eventId) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.id = :id", AuditEvent.class)
                .setParameter("id", eventId).getResultStream().findFirst();
    }

    /** Events matching the query, newest first. */
    public Page<AuditEvent> list(AuditQuery query) {
        List<String> where = new ArrayList<>();
        if (query.keyId() != null) {
            where.add("e.keyId = :keyId");
        }
        if (query.projectId() != null) {
            where.add("(e.projectId = :projectId OR e.keyProjectId = :projectId)");
        }
        if (query.userId() != null) {
            where.add("(e.userId = :userId OR e.actingUserId = :userId)");
        }
        if (query.outcome() != null) {
            where.add("e.outcome = :outcome");
        }
        if (query.action() != null) {
            where.add("e.action = :action");
        }
        if (query.since() != null) {
            where.add("e.time >= :since");
        }
        if (query.until() != null) {
            where.add("e.time < :until");
        }
        String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM AuditEvent e" + condition, Long.class);
        TypedQuery<AuditEvent> select = em.createQuery("SELECT e FROM AuditEvent e" + condition
                + " ORDER BY e.sequence DESC", AuditEvent.class);
        bind(count, query);
        bind(select, query);
        List<AuditEvent> items = select.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList();
        return new Page<>(items, count.getSingleResult(), query.offset(), query.limit());
    }

    private static void bind(TypedQuery<?> q, AuditQuery query) {
        if (query.keyId() != null) {
            q.setParameter("keyId", query.keyId());
        }
        if (query.projectId() != null) {
            q.setParameter("projectId", query.projectId());
        }
        if (query.userId() != null) {
            q.setParameter("userId", query.userId());
        }
        if (query.outcome() != null) {
            q.setParameter("outcome", query.outcome());
        }
        if (query.action() != null) {
            q.setParameter("action", query.action());
        }
        if (query.since() != null) {
            q.setParameter("since", query.since());
        }
        if (query.until() != null) {
            q.setParameter("until", query.until());
        }
    }

    /**
     * Whether any event, or the keyed chain's boundary, is keyed under this master-key version: such a
     * version must stay held, or the chain can no longer be verified.
     */
    public boolean keyedUnder(int version) {
        long events = em.createQuery("SELECT COUNT(e) FROM AuditEvent e WHERE e.keyVersion = :v", Long.class)
                .setParameter("v", version).getSingleResult();
        long boundary = em.createQuery("SELECT COUNT(h) FROM AuditChainHead h WHERE h.boundaryKeyVersion = :v",
                Long.class).setParameter("v", version).getSingleResult();
        return events + boundary > 0;
    }

    /** Checks the whole chain (see {@link ChainVerifier}); reads only, outside any transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Verification verify() {
        try (Connection db = dataSource.getConnection()) {
            return ChainVerifier.verify(db, keys);
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail cannot be read: " + e.getMessage(), e);
        }
    }
}
