package org.lockbox.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.lockbox.access.TrustsSeen;
import org.lockbox.identity.AuthenticationException;
import org.lockbox.identity.Authenticator;
import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.identity.IdentityUnavailableException;

/**
 * Authenticates every request to a resource not marked {@link Unauthenticated}: the token in
 * X-Auth-Token, else Bearer, and the service token in X-Service-Token (keystonemiddleware's
 * convention for a service acting for a user). An identity service that cannot be reached
 * answers 503, not 401: the caller's token may be good.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenFilter implements ContainerRequestFilter {

    static final String AUTH_TOKEN = "X-Auth-Token";
    static final String SERVICE_TOKEN = "X-Service-Token";
    private static final String BEARER = "Bearer ";

    @Context
    ResourceInfo resource;

    @Inject
    Authenticator authenticator;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    TrustsSeen trustsSeen;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isUnauthenticated(resource)) {
            return;
        }
        String serviceToken = request.getHeaderString(SERVICE_TOKEN);
        try {
            Caller caller = authenticator.authenticate(token(request),
                    serviceToken == null || serviceToken.isBlank() ? null : serviceToken.trim());
            currentCaller.set(caller);
            trustsSeen.saw(caller);
        } catch (IdentityUnavailableException e) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), e.getMessage());
        }
    }

    static boolean isUnauthenticated(ResourceInfo resource) {
        return resource.getResourceClass() != null
                && (resource.getResourceClass().isAnnotationPresent(Unauthenticated.class)
                || resource.getResourceMethod().isAnnotationPresent(Unauthenticated.class));
    }

    private static String token(ContainerRequestContext request) {
        String token = request.getHeaderString(AUTH_TOKEN);
        if (token == null || token.isBlank()) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                token = authorization.substring(BEARER.length());
            }
        }
        if (token == null || token.isBlank()) {
            throw new AuthenticationException("Authentication required: send a token in X-Auth-Token"
                    + " or Authorization: Bearer.");
        }
        return token.trim();
    }
}
