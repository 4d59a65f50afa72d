package org.lockbox.order;

import java.time.Duration;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long finished orders are kept after their last change, how often that is checked, and how
 * long the sweep's lease lasts unless renewed.
 */
@Dependent
@ConfigProperties(prefix = "lockbox.order")
public class OrderConfig {

    @ConfigProperty(name = "retention")
    Duration retention;

    @ConfigProperty(name = "sweep-interval")
    Duration sweepInterval;

    @ConfigProperty(name = "lease-ttl")
    Duration leaseTtl;
}
