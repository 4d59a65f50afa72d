package org.lockbox.rootoftrust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every service's master key is unsealed; when not, says why. */
@Readiness
@ApplicationScoped
public class MasterKeyHealthCheck implements HealthCheck {

    @Inject
    MasterKeys masterKeys;

    @Override
    public HealthCheckResponse call() {
        MasterKeyStatus status = masterKeys.status();
        var response = HealthCheckResponse.named("master-keys")
                .status(status.ready())
                .withData("provider", status.provider())
                .withData("detail", status.detail());
        status.currentVersions().forEach((service, version) -> response.withData("service." + service, version));
        return response.build();
    }
}
