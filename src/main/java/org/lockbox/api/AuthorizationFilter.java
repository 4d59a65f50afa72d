package org.lockbox.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import org.lockbox.identity.CurrentCaller;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.Authorizer;
import org.lockbox.policy.Public;
import org.lockbox.policy.Requires;

/**
 * Checks the action each endpoint declares ({@link Requires}) against the policy table, once the
 * caller is authenticated and the intent of a change is in the audit trail, so that a refused change
 * leaves its intent and its denial there, as a refusal inside the endpoint would. An endpoint that
 * declares neither {@link Requires} nor {@link Public} is refused.
 */
@Provider
@Priority(AuthorizationFilter.PRIORITY)
public class AuthorizationFilter implements ContainerRequestFilter {

    /** After {@link AuditIntentFilter}. */
    static final int PRIORITY = Priorities.USER + 1100;

    @Context
    ResourceInfo resource;

    @Inject
    Authorizer authorizer;

    @Inject
    CurrentCaller currentCaller;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || declared(resource.getResourceClass(), method, Public.class) != null) {
            return;
        }
        Requires requires = declared(resource.getResourceClass(), method, Requires.class);
        if (requires == null) {
            throw new AccessDeniedException("The endpoint declares no policy, so it serves nobody.");
        }
        authorizer.require(currentCaller.get(), requires,
                request.getUriInfo().getPathParameters().getFirst("project"));
    }

    /** The annotation on the method, else on the resource class that serves it (the method may be inherited). */
    static <A extends Annotation> A declared(Class<?> resourceClass, Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        return onMethod != null ? onMethod : resourceClass.getAnnotation(type);
    }
}
