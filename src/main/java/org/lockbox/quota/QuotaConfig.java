package org.lockbox.quota;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The quotas of every project without configured ones: -1 unlimited, 0 none allowed. */
@Dependent
@ConfigProperties(prefix = "lockbox.quota")
public class QuotaConfig {

    @ConfigProperty(name = "secrets")
    int secrets;

    @ConfigProperty(name = "orders")
    int orders;

    @ConfigProperty(name = "containers")
    int containers;

    @ConfigProperty(name = "consumers")
    int consumers;

    @ConfigProperty(name = "cas")
    int cas;

    int defaultOf(Quota quota) {
        return switch (quota) {
            case SECRETS -> secrets;
            case ORDERS -> orders;
            case CONTAINERS -> containers;
            case CONSUMERS -> consumers;
            case CAS -> cas;
        };
    }
}
