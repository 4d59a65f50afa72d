package org.lockbox.secret;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAcl;
import org.lockbox.error.InvalidRequestException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.policy.Scope;
import org.lockbox.policy.ScopePolicy;

/**
 * Lists the keys a caller may see: by offset, as Barbican pages, or after a marker (the last key of the page
 * before), which costs the same at any depth of a large project because it seeks the index instead of
 * skipping rows. A page's keys are chosen by their ids first, which the index on (project, created, id,
 * status, scope, creator, expiration) answers alone for the default listing, then read whole.
 */
@Stateless
public class SecretListing {

    /** The sort fields that every key has a value for: the only ones a marker page may sort by. */
    static final Set<String> NEVER_EMPTY = Set.of("created", "updated", "status", "secret_type");

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    /** The keys the caller may see in its project (or by ACL), optionally only those protecting one entity. */
    public Page<Secret> list(Caller caller, SecretQuery query, String entityId) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        Secret marker = query.marker() == null ? null : marker(caller, query, entityId);

        CriteriaQuery<String> select = cb.createQuery(String.class);
        Root<Secret> root = select.from(Secret.class);
        List<Predicate> where = filters(cb, select, root, caller, query, entityId);
        List<Order> orders = new ArrayList<>();
        for (SecretQuery.Sort sort : query.sorts()) {
            Expression<?> field = root.get(SecretQuery.attribute(sort.field()));
            orders.add(sort.ascending() ? cb.asc(field) : cb.desc(field));
        }
        orders.add(cb.asc(root.get("id")));
        if (marker != null) {
            where.add(after(cb, root, query.sorts(), marker));
        }
        select.select(root.get("id")).where(where.toArray(Predicate[]::new)).orderBy(orders);
        // one more than the page tells a marker page whether another follows
        List<String> ids = em.createQuery(select)
                .setFirstResult(marker == null ? query.offset() : 0)
                .setMaxResults(marker == null ? query.limit() : query.limit() + 1)
                .getResultList();
        if (marker == null) {
            return new Page<>(byIds(ids), count(caller, query, entityId), query.offset(), query.limit());
        }
        boolean more = ids.size() > query.limit();
        List<String> page = more ? ids.subList(0, query.limit()) : ids;
        return Page.afterMarker(byIds(page), query.limit(), more ? page.get(page.size() - 1) : null);
    }

    private long count(Caller caller, SecretQuery query, String entityId) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<Secret> root = count.from(Secret.class);
        count.select(cb.count(root)).where(filters(cb, count, root, caller, query, entityId).toArray(Predicate[]::new));
        return em.createQuery(count).getSingleResult();
    }

    /** The keys of these ids, in this order. */
    private List<Secret> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        return em.createQuery("SELECT s FROM Secret s WHERE s.id IN :ids", Secret.class)
                .setParameter("ids", ids).getResultList().stream()
                .sorted(Comparator.comparing(s -> position.get(s.id())))
                .toList();
    }

    /**
     * The marker must be a key this very listing shows, so that it reveals nothing the caller could not list;
     * and every sort key must be one no key leaves empty, so that "after" is defined for all of them.
     */
    private Secret marker(Caller caller, SecretQuery query, String entityId) {
        for (SecretQuery.Sort sort : query.sorts()) {
            if (!NEVER_EMPTY.contains(sort.field())) {
                throw new InvalidRequestException("'marker' pages sort only by created, updated, status or"
                        + " secret_type, which every key has; '" + sort.field() + "' may be empty.");
            }
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Secret> select = cb.createQuery(Secret.class);
        Root<Secret> root = select.from(Secret.class);
        List<Predicate> where = filters(cb, select, root, caller, query, entityId);
        where.add(cb.equal(root.get("id"), query.marker()));
        List<Secret> found = em.createQuery(select.select(root).where(where.toArray(Predicate[]::new)))
                .getResultList();
        if (found.isEmpty()) {
            throw new InvalidRequestException("'marker' is not the id of a secret in this listing.");
        }
        return found.get(0);
    }

    /** Keys that sort after the marker: lexicographically by the sort keys, then by id. */
    private static Predicate after(CriteriaBuilder cb, Root<Secret> root, List<SecretQuery.Sort> sorts, Secret marker) {
        List<Predicate> alternatives = new ArrayList<>();
        List<Predicate> equalSoFar = new ArrayList<>();
        for (SecretQuery.Sort sort : sorts) {
            Path<Comparable<Object>> field = root.get(SecretQuery.attribute(sort.field()));
            Comparable<Object> value = markerValue(sort.field(), marker);
            Predicate beyond = sort.ascending() ? cb.greaterThan(field, value) : cb.lessThan(field, value);
            alternatives.add(and(cb, equalSoFar, beyond));
            equalSoFar.add(cb.equal(field, value));
        }
        alternatives.add(and(cb, equalSoFar, cb.greaterThan(root.get("id"), marker.id())));
        Predicate afterMarker = cb.or(alternatives.toArray(Predicate[]::new));
        if (sorts.isEmpty()) {
            return afterMarker;
        }
        // the same condition with the first key's bound on its own, so that the index can seek to the marker
        SecretQuery.Sort first = sorts.get(0);
        Path<Comparable<Object>> field = root.get(SecretQuery.attribute(first.field()));
        Comparable<Object> value = markerValue(first.field(), marker);
        return cb.and(first.ascending() ? cb.greaterThanOrEqualTo(field, value) : cb.lessThanOrEqualTo(field, value),
                afterMarker);
    }

    private static Predicate and(CriteriaBuilder cb, List<Predicate> equalities, Predicate last) {
        List<Predicate> all = new ArrayList<>(equalities);
        all.add(last);
        return cb.and(all.toArray(Predicate[]::new));
    }

    /** The marker's value of a sort field in {@link #NEVER_EMPTY}. */
    @SuppressWarnings("unchecked")
    private static Comparable<Object> markerValue(String field, Secret marker) {
        Comparable<?> value = switch (field) {
            case "created" -> marker.created().toLocalDateTime();
            case "updated" -> marker.updated().toLocalDateTime();
            case "status" -> marker.status();
            case "secret_type" -> marker.type().wireName();
            default -> throw new IllegalArgumentException(field);
        };
        return (Comparable<Object>) value;
    }

    private static List<Predicate> filters(CriteriaBuilder cb, CommonAbstractCriteria criteria, Root<Secret> root,
                                           Caller caller, SecretQuery query, String entityId) {
        List<Predicate> where = new ArrayList<>();
        if (query.aclOnly()) {
            Subquery<String> listed = criteria.subquery(String.class);
            Root<ReadAcl> acl = listed.from(ReadAcl.class);
            Join<ReadAcl, String> user = acl.join("users");
            listed.select(acl.get("resourceId")).where(cb.equal(acl.get("resourceKind"), AclTarget.SECRET.column()),
                    cb.equal(user, caller.userId()));
            where.add(root.get("id").in(listed));
        } else {
            where.add(cb.equal(root.get("projectId"), caller.projectId()));
            where.addAll(visibility(cb, root, caller));
        }
        if (entityId != null) {
            where.add(cb.equal(root.get("entityId"), entityId));
        }
        where.add(cb.notEqual(root.get("status"), Secret.PENDING_DELETION));
        where.add(cb.or(cb.isNull(root.get("expiration")), cb.greaterThan(root.get("expiration"), SecretService.now())));
        if (query.name() != null) {
            where.add(cb.equal(root.get("name"), query.name()));
        }
        if (query.algorithm() != null) {
            where.add(cb.equal(cb.lower(root.get("algorithm")), query.algorithm().toLowerCase()));
        }
        if (query.mode() != null) {
            where.add(cb.equal(cb.lower(root.get("mode")), query.mode().toLowerCase()));
        }
        if (query.bits() != null) {
            where.add(cb.equal(root.get("bitLength"), query.bits()));
        }
        if (query.type() != null) {
            where.add(cb.equal(root.get("secretType"), query.type().wireName()));
        }
        for (SecretQuery.DateFilter filter : query.dateFilters()) {
            Expression<LocalDateTime> field = root.get(SecretQuery.attribute(filter.field()));
            where.add(switch (filter.comparison()) {
                case EQ -> cb.equal(field, filter.value());
                case GT -> cb.greaterThan(field, filter.value());
                case GTE -> cb.greaterThanOrEqualTo(field, filter.value());
                case LT -> cb.lessThan(field, filter.value());
                case LTE -> cb.lessThanOrEqualTo(field, filter.value());
            });
        }
        return where;
    }

    /** Other users' keys of a scope the caller may not see are not listed. */
    private static List<Predicate> visibility(CriteriaBuilder cb, Root<Secret> root, Caller caller) {
        List<String> hidden = ScopePolicy.hiddenFromOtherUsers(caller.roles()).stream().map(Scope::wireName).toList();
        return hidden.isEmpty() ? List.of()
                : List.of(cb.or(cb.not(root.get("scope").in(hidden)), cb.equal(root.get("creatorId"), caller.userId())));
    }
}
