package org.lockbox.identity;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How tokens are validated: the development issuer, Keystone, the caches and the service users. */
@Dependent
@ConfigProperties(prefix = "lockbox")
public class IdentityConfig {

    @ConfigProperty(name = "services")
    List<String> services;

    @ConfigProperty(name = "dev-issuer.enabled")
    boolean developmentIssuerEnabled;

    @ConfigProperty(name = "dev-issuer.dir")
    String developmentIssuerDir;

    @ConfigProperty(name = "dev-issuer.issuer")
    String developmentIssuer;

    @ConfigProperty(name = "token.cache-seconds")
    long cacheSeconds;

    @ConfigProperty(name = "token.failure-cache-seconds")
    long failureCacheSeconds;

    @ConfigProperty(name = "keystone.url")
    Optional<String> keystoneUrl;

    @ConfigProperty(name = "keystone.username")
    String keystoneUsername;

    @ConfigProperty(name = "keystone.password")
    Optional<String> keystonePassword;

    @ConfigProperty(name = "keystone.user-domain")
    String keystoneUserDomain;

    @ConfigProperty(name = "keystone.project")
    Optional<String> keystoneProject;

    @ConfigProperty(name = "keystone.project-domain")
    String keystoneProjectDomain;

    @ConfigProperty(name = "keystone.jws-public-keys-dir")
    Optional<String> jwsPublicKeysDir;

    @ConfigProperty(name = "keystone.timeout-seconds")
    long keystoneTimeoutSeconds;

    @ConfigProperty(name = "health.keystone-required")
    boolean keystoneRequiredForReadiness;

    @ConfigProperty(name = "service-token.role")
    String serviceRole;

    @ConfigProperty(name = "service-token.services")
    Optional<List<String>> serviceUserMapping;
}
