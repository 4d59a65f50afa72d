package org.lockbox.secret;

import java.time.Duration;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long a deleted secret stays pending (restorable) before it is destroyed, and how often that is checked. */
@Dependent
@ConfigProperties(prefix = "lockbox.deletion")
public class DeletionConfig {

    @ConfigProperty(name = "grace")
    Duration grace;

    @ConfigProperty(name = "sweep-interval")
    Duration sweepInterval;
}
