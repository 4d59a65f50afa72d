package org.lockbox.quota;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.lockbox.error.ForbiddenException;
import org.lockbox.error.NotFoundException;
import org.lockbox.persistence.Page;

/**
 * Reads, sets and enforces project quotas. A project's effective quota is its configured value,
 * or the deployment's default (-1, unlimited, unless configured otherwise); 0 forbids creation.
 */
@Stateless
public class QuotaService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Inject
    @ConfigProperties
    QuotaConfig defaults;

    /** The quotas in force for a project: configured values, defaults where none is configured. */
    public Map<Quota, Integer> effective(String projectId) {
        Optional<ProjectQuota> configured = configured(projectId);
        Map<Quota, Integer> effective = new EnumMap<>(Quota.class);
        for (Quota quota : Quota.values()) {
            Integer value = configured.map(q -> q.value(quota)).orElse(null);
            effective.put(quota, value == null ? defaults.defaultOf(quota) : value);
        }
        return effective;
    }

    public Optional<ProjectQuota> configured(String projectId) {
        return Optional.ofNullable(em.find(ProjectQuota.class, projectId));
    }

    public ProjectQuota get(String projectId) {
        return configured(projectId).orElseThrow(() -> new NotFoundException(
                "Not Found. Sorry but your project quotas are in another castle."));
    }

    public Page<ProjectQuota> list(int offset, int limit) {
        long total = em.createQuery("SELECT COUNT(q) FROM ProjectQuota q", Long.class).getSingleResult();
        List<ProjectQuota> items = em.createQuery(
                        "SELECT q FROM ProjectQuota q ORDER BY q.created, q.projectId", ProjectQuota.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, total, offset, limit);
    }

    /** Creates or replaces a project's configured quotas; absent entries fall back to the defaults. */
    public void set(String projectId, Map<Quota, Integer> values) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        ProjectQuota quota = em.find(ProjectQuota.class, projectId);
        if (quota == null) {
            quota = new ProjectQuota(projectId, now);
            quota.replace(values, now);
            em.persist(quota);
        } else {
            quota.replace(values, now);
        }
    }

    public void delete(String projectId) {
        em.remove(get(projectId));
    }

    /**
     * Refuses (403, as Barbican) to create one more of a resource once the project holds as many
     * as its quota allows. The usage is counted only when the quota is limited.
     */
    public void enforce(String projectId, Quota quota, LongSupplier usage) {
        int limit = effective(projectId).get(quota);
        if (limit < 0) {
            return;
        }
        if (limit == 0 || usage.getAsLong() >= limit) {
            throw new ForbiddenException("Creation not allowed because a quota has been reached: this project may"
                    + " hold " + limit + " " + quota.wireName() + ".");
        }
    }
}
