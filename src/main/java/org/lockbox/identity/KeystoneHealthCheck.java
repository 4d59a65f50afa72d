package org.lockbox.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether Keystone answers, asked afresh on each readiness probe. By default an unreachable Keystone
 * is reported (reachable=false, and why) without making the server unready: tokens already validated
 * keep working and version discovery needs none, while every replica shares the same Keystone, so
 * taking them all out of service would turn a partial outage into a total one.
 * lockbox.health.keystone-required=true makes readiness DOWN instead.
 */
@Readiness
@ApplicationScoped
public class KeystoneHealthCheck implements HealthCheck {

    @Inject
    Authenticator authenticator;

    @Inject
    @ConfigProperties
    IdentityConfig config;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("keystone");
        boolean required = config.keystoneRequiredForReadiness;
        Optional<String> endpoint = authenticator.keystoneEndpoint();
        if (endpoint.isEmpty()) {
            return response.up().withData("configured", false).build();
        }
        Optional<String> problem = authenticator.keystoneProblem();
        response.withData("configured", true).withData("url", endpoint.get())
                .withData("reachable", problem.isEmpty()).withData("required", required);
        problem.ifPresent(reason -> response.withData("detail", reason
                + (required ? "" : " Tokens already validated keep working; new ones get 503.")));
        return response.status(problem.isEmpty() || !required).build();
    }
}
