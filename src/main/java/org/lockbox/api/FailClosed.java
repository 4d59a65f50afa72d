package org.lockbox.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.MasterKeysUnavailableException;

/** No master key, no service: while master keys are not unsealed, every API call but version discovery gets 503. */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class FailClosed implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    MasterKeys masterKeys;

    @Override
    public void filter(ContainerRequestContext request) {
        if (TokenFilter.isUnauthenticated(resource)) {
            return;
        }
        if (!masterKeys.ready()) {
            throw new MasterKeysUnavailableException(masterKeys.status().detail());
        }
    }
}
