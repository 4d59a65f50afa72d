package org.lockbox.api;

import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** The headers every OpenStack key-manager response carries: API version and a request id. */
@Provider
public class OpenStackHeaders implements ContainerResponseFilter {

    static final String API_VERSION = "OpenStack-API-Version";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(API_VERSION, "key-manager 1.0");
        response.getHeaders().putSingle("x-openstack-request-id", "req-" + UUID.randomUUID());
    }
}
