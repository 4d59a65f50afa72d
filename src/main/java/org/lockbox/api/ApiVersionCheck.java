package org.lockbox.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Refuses a request for an API version this server does not have (406) before anything else runs. */
@Provider
@PreMatching
public class ApiVersionCheck implements ContainerRequestFilter {

    static final String PROPERTY = ApiVersion.class.getName();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, ApiVersion.requested(request.getHeaderString(ApiVersion.HEADER)));
    }
}
