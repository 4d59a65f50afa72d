package org.lockbox.secret;

import java.time.Duration;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a deleted secret stays pending (restorable) before it is destroyed, how often that is
 * checked, and how long the sweep's lease lasts unless renewed (a replica that died mid-sweep is
 * taken over after it).
 */
@Dependent
@ConfigProperties(prefix = "lockbox.deletion")
public class DeletionConfig {

    @ConfigProperty(name = "grace")
    Duration grace;

    @ConfigProperty(name = "sweep-interval")
    Duration sweepInterval;

    @ConfigProperty(name = "lease-ttl")
    Duration leaseTtl;
}
