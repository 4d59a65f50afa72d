package org.lockbox.rotation;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pace of the background rotation sweep: when it starts, how often it scans, how many keys a
 * second, and how long its lease lasts unless renewed.
 */
@Dependent
@ConfigProperties(prefix = "lockbox.rotation")
public class RotationConfig {

    @ConfigProperty(name = "scan-seconds")
    long scanSeconds;

    @ConfigProperty(name = "max-per-second")
    int maxPerSecond;

    @ConfigProperty(name = "start-delay-seconds")
    long startDelaySeconds;

    @ConfigProperty(name = "lease-seconds")
    long leaseSeconds;
}
