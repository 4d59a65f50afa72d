package org.lockbox.quota;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The quotas configured for one project; a null value means the configured default. */
@Entity
@Table(name = "project_quota")
public class ProjectQuota {

    @Id
    @Column(name = "project_id")
    private String projectId;

    private Integer secrets;
    private Integer orders;
    private Integer containers;
    private Integer consumers;
    private Integer cas;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    protected ProjectQuota() {
    }

    ProjectQuota(String projectId, LocalDateTime now) {
        this.projectId = projectId;
        this.created = now;
        this.updated = now;
    }

    /** Replaces every value, as Barbican's PUT does: a quota left out returns to the default. */
    void replace(Map<Quota, Integer> values, LocalDateTime now) {
        secrets = values.get(Quota.SECRETS);
        orders = values.get(Quota.ORDERS);
        containers = values.get(Quota.CONTAINERS);
        consumers = values.get(Quota.CONSUMERS);
        cas = values.get(Quota.CAS);
        updated = now;
    }

    public String projectId() {
        return projectId;
    }

    /** The configured value of one quota, or null when the default applies. */
    public Integer value(Quota quota) {
        return switch (quota) {
            case SECRETS -> secrets;
            case ORDERS -> orders;
            case CONTAINERS -> containers;
            case CONSUMERS -> consumers;
            case CAS -> cas;
        };
    }

    /** Every configured value, nulls included, in Barbican's order. */
    public Map<Quota, Integer> values() {
        Map<Quota, Integer> values = new EnumMap<>(Quota.class);
        for (Quota quota : Quota.values()) {
            values.put(quota, value(quota));
        }
        return values;
    }
}
