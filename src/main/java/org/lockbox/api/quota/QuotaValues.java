package org.lockbox.api.quota;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.quota.Quota;

/** One value per quota, as Barbican writes them: -1 unlimited, 0 none allowed, null (configured quotas only) the default. */
@Schema(name = "Quotas", description = "-1 is unlimited, 0 forbids creation; in configured project quotas null means"
        + " the deployment's default")
public record QuotaValues(Integer secrets, Integer orders, Integer containers, Integer consumers, Integer cas) {

    static QuotaValues of(Map<Quota, Integer> values) {
        return new QuotaValues(values.get(Quota.SECRETS), values.get(Quota.ORDERS), values.get(Quota.CONTAINERS),
                values.get(Quota.CONSUMERS), values.get(Quota.CAS));
    }
}
