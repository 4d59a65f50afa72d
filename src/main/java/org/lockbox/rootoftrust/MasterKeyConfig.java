package org.lockbox.rootoftrust;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which provider seals the master keys, of which services, and where the software sealer keeps them. */
@Dependent
@ConfigProperties(prefix = "lockbox")
public class MasterKeyConfig {

    @ConfigProperty(name = "profile")
    String profile;

    @ConfigProperty(name = "master-key.provider")
    String provider;

    @ConfigProperty(name = "services")
    List<String> services;

    /** Unset only where lockbox.data.dir is unset too (a tool run without the server's variables). */
    @ConfigProperty(name = "sealed.dir")
    Optional<String> sealedDir;

    @ConfigProperty(name = "sealer.passphrase")
    String passphrase;

    /** development or production. */
    public String profile() {
        return profile;
    }

    /** The software sealer's passphrase (development only). */
    public String passphrase() {
        return passphrase;
    }

    /** tpm-device, tpm-tcp or software. */
    public String provider() {
        return provider;
    }

    /** The services that each have their own master key. */
    public List<String> services() {
        return services;
    }

    /** Where the software sealer keeps its sealed master keys. */
    public Path sealedDir() {
        return sealedDir.map(Path::of).orElseThrow(() -> new IllegalArgumentException(
                "Set LOCKBOX_DATA_DIR (or LOCKBOX_SEALED_DIR) to the server's data directory"));
    }
}
