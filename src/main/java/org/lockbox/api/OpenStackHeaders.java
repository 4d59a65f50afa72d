package org.lockbox.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.lockbox.audit.RequestAudit;

/**
 * The headers every OpenStack key-manager response carries: the API version served and the request
 * id (the caller's own when it sent a well-formed one, as the audit trail records it).
 */
@Provider
public class OpenStackHeaders implements ContainerResponseFilter {

    @Inject
    RequestAudit audit;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        ApiVersion served = request.getProperty(ApiVersionCheck.PROPERTY) instanceof ApiVersion version
                ? version : ApiVersion.V1_0;
        response.getHeaders().putSingle(ApiVersion.HEADER, served.headerValue());
        response.getHeaders().add(HttpHeaders.VARY, ApiVersion.HEADER);
        response.getHeaders().putSingle("x-openstack-request-id", audit.requestId());
    }
}
