package org.lockbox.rootoftrust.enrollment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether this replica joins with an empty TPM, under what name, and which EK CAs it trusts when it sends keys. */
@Dependent
@ConfigProperties(prefix = "lockbox.replica")
public class ReplicaConfig {

    @ConfigProperty(name = "join")
    boolean join;

    /** Unset: the host's name. */
    @ConfigProperty(name = "name")
    Optional<String> name;

    /** PEM files of the CA certificates that EK certificates must chain to; unset, this replica sends nothing. */
    @ConfigProperty(name = "ek-ca-certificates")
    Optional<List<String>> ekCaCertificates;

    /** PEM files of intermediate CA certificates that may complete a chain (not trusted by themselves). */
    @ConfigProperty(name = "ek-intermediate-certificates")
    Optional<List<String>> ekIntermediateCertificates;

    @ConfigProperty(name = "poll-interval")
    Duration pollInterval;

    /** True: this replica starts with an empty TPM, registers itself and waits for the master keys. */
    public boolean join() {
        return join;
    }

    public Optional<String> name() {
        return name.filter(n -> !n.isBlank());
    }

    public List<String> ekCaCertificates() {
        return ekCaCertificates.orElse(List.of());
    }

    public List<String> ekIntermediateCertificates() {
        return ekIntermediateCertificates.orElse(List.of());
    }

    /** How often a joining replica looks for its blobs, and a holder for approved replicas to send to. */
    public Duration pollInterval() {
        return pollInterval;
    }
}
