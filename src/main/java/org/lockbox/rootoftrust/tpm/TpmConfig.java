package org.lockbox.rootoftrust.tpm;

import java.util.Optional;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where the TPM is (a device, or a simulator over TCP), how keys are sealed to it, where its blobs are. */
@Dependent
@ConfigProperties(prefix = "lockbox.tpm")
public class TpmConfig {

    @ConfigProperty(name = "host")
    String host;

    @ConfigProperty(name = "port")
    int port;

    @ConfigProperty(name = "device")
    String device;

    @ConfigProperty(name = "timeout-ms")
    int timeoutMillis;

    /** Unset: pcr:7 on a device, pcr:23 over TCP. */
    @ConfigProperty(name = "policy")
    Optional<String> policy;

    @ConfigProperty(name = "auth")
    Optional<String> auth;

    /** Unset only where lockbox.data.dir is unset too (a tool run without the server's variables). */
    @ConfigProperty(name = "blob-dir")
    Optional<String> blobDir;
}
