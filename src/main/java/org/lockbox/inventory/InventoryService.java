package org.lockbox.inventory;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAcl;
import org.lockbox.persistence.Page;

/**
 * Reads the key inventory across projects: how many keys each project holds per service, and key
 * metadata with consumers and containers. Never selects wrapped material, so none can leak from here.
 * Who may see which project is decided by the caller of this service, not here.
 */
@Stateless
public class InventoryService {

    /** Every column of a key the inventory shows; the wrapped material is deliberately absent. */
    private static final String KEY_COLUMNS = "SELECT s.id, s.projectId, s.service, s.name, s.secretType, s.algorithm,"
            + " s.bitLength, s.mode, s.status, s.creatorId, s.created, s.updated, s.expiration, s.contentType,"
            + " s.kekVersion FROM Secret s";

    /** Leaves out other users' user-scoped keys ({@code :viewer} is the one user whose own are kept). */
    private static final String OWN_USER_KEYS_ONLY = "(s.scope <> 'user' OR s.creatorId = :viewer)";

    /** The status of a key whose deletion was requested and which awaits destruction (guarded deletion). */
    static final String PENDING_DELETION = "PENDING_DELETION";

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    /**
     * Keys per project and service, unexpired ones only; those pending deletion are counted apart.
     * {@code project} null for every project.
     */
    public List<ProjectCount> countsByProject(String project) {
        String jpql = "SELECT s.projectId, s.service,"
                + " SUM(CASE WHEN s.status = :pending THEN 0 ELSE 1 END),"
                + " SUM(CASE WHEN s.status = :pending THEN 1 ELSE 0 END) FROM Secret s WHERE"
                + " (s.expiration IS NULL OR s.expiration > :now)"
                + (project == null ? "" : " AND s.projectId = :project")
                + " GROUP BY s.projectId, s.service ORDER BY s.projectId, s.service";
        TypedQuery<Object[]> query = em.createQuery(jpql, Object[].class).setParameter("now", now())
                .setParameter("pending", PENDING_DELETION);
        if (project != null) {
            query.setParameter("project", project);
        }
        return query.getResultList().stream()
                .map(row -> new ProjectCount((String) row[0], (String) row[1], ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue()))
                .toList();
    }

    /** A page of keys matching the query, newest first. */
    public Page<KeySummary> keys(InventoryQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String where = where(query, parameters);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(s) FROM Secret s" + where, Long.class);
        parameters.forEach(count::setParameter);
        long total = count.getSingleResult();

        TypedQuery<Object[]> select = em.createQuery(KEY_COLUMNS + where + " ORDER BY s.created DESC, s.id",
                Object[].class);
        parameters.forEach(select::setParameter);
        List<Object[]> rows = select.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList();
        Map<String, Long> consumers = consumerCounts(rows.stream().map(row -> (String) row[0]).toList());
        List<KeySummary> keys = rows.stream().map(row -> summary(row, consumers.getOrDefault((String) row[0], 0L)))
                .toList();
        return new Page<>(keys, total, query.offset(), query.limit());
    }

    /**
     * One key with its surroundings, or null when there is no such key or, with {@code userKeysOnlyOf}
     * set, it is another user's user-scoped key.
     */
    public KeyDetail key(String id, String userKeysOnlyOf) {
        TypedQuery<Object[]> select = em.createQuery(KEY_COLUMNS + " WHERE s.id = :id"
                + (userKeysOnlyOf == null ? "" : " AND " + OWN_USER_KEYS_ONLY), Object[].class).setParameter("id", id);
        if (userKeysOnlyOf != null) {
            select.setParameter("viewer", userKeysOnlyOf);
        }
        List<Object[]> rows = select.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        List<KeyDetail.Consumer> consumers = em.createQuery("SELECT c.service, c.resourceType, c.resourceId,"
                        + " c.created FROM SecretConsumer c WHERE c.secret.id = :id ORDER BY c.created, c.id",
                        Object[].class)
                .setParameter("id", id).getResultList().stream()
                .map(row -> new KeyDetail.Consumer((String) row[0], (String) row[1], (String) row[2],
                        utc((LocalDateTime) row[3])))
                .toList();
        Map<String, String> metadata = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT meta_key, meta_value FROM secret_metadatum WHERE secret_id = ?")
                .setParameter(1, id).getResultList()) {
            Object[] pair = (Object[]) row;
            metadata.put((String) pair[0], (String) pair[1]);
        }
        List<KeyDetail.ContainerMembership> containers = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT c.id, c.name, c.container_type, m.name FROM container_secret m"
                        + " JOIN secret_container c ON c.id = m.container_id WHERE m.secret_id = ? ORDER BY c.created")
                .setParameter(1, id).getResultList()) {
            Object[] columns = (Object[]) row;
            containers.add(new KeyDetail.ContainerMembership((String) columns[0], (String) columns[1],
                    (String) columns[2], (String) columns[3]));
        }
        ReadAcl acl = em.find(ReadAcl.class, ReadAcl.key(AclTarget.SECRET, id));
        return new KeyDetail(summary(rows.get(0), consumers.size()), metadata, consumers, containers,
                acl == null ? null : new KeyDetail.Acl(acl.projectAccess(), acl.users().stream().sorted().toList(),
                        acl.updated()),
                group(id));
    }

    private KeyDetail.Group group(String secretId) {
        List<?> rows = em.createNativeQuery("SELECT g.id, g.name FROM secret s JOIN key_group g ON g.id = s.group_id"
                + " WHERE s.id = ?").setParameter(1, secretId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] columns = (Object[]) rows.get(0);
        return new KeyDetail.Group((String) columns[0], (String) columns[1]);
    }

    private String where(InventoryQuery query, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (query.project() != null) {
            conditions.add("s.projectId = :project");
            parameters.put("project", query.project());
        }
        if (query.userKeysOnlyOf() != null) {
            conditions.add(OWN_USER_KEYS_ONLY);
            parameters.put("viewer", query.userKeysOnlyOf());
        }
        if (query.service() != null) {
            conditions.add("s.service = :service");
            parameters.put("service", query.service());
        }
        if (query.name() != null) {
            conditions.add("LOWER(s.name) LIKE :name ESCAPE '\\'");
            parameters.put("name", "%" + likeEscaped(query.name().toLowerCase(Locale.ROOT)) + "%");
        }
        if ("EXPIRED".equals(query.status())) {
            conditions.add("s.expiration IS NOT NULL AND s.expiration <= :now");
            parameters.put("now", now());
        } else if (query.status() != null) {
            conditions.add("s.status = :status AND (s.expiration IS NULL OR s.expiration > :now)");
            parameters.put("status", query.status());
            parameters.put("now", now());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private Map<String, Long> consumerCounts(List<String> ids) {
        Map<String, Long> counts = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT c.secret.id, COUNT(c) FROM SecretConsumer c WHERE c.secret.id IN :ids"
                            + " GROUP BY c.secret.id", Object[].class)
                    .setParameter("ids", ids).getResultList()
                    .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        }
        return counts;
    }

    private static KeySummary summary(Object[] row, long consumers) {
        LocalDateTime expiration = (LocalDateTime) row[12];
        String status = (String) row[8];
        if (expiration != null && !expiration.isAfter(now())) {
            status = "EXPIRED";
        }
        return new KeySummary((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], (Integer) row[6], (String) row[7], status, (String) row[9],
                utc((LocalDateTime) row[10]), utc((LocalDateTime) row[11]), utc(expiration), row[13] != null,
                (Integer) row[14], consumers);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime utc(LocalDateTime time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
