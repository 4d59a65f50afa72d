package org.lockbox.api;

import java.lang.reflect.Method;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.lockbox.audit.AuditWriter;
import org.lockbox.audit.EventFields;
import org.lockbox.audit.RequestAudit;
import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;

/**
 * Records a pending event (the intent) of every authenticated request that may change something
 * (POST, PUT, PATCH, DELETE) before its resource method runs, committed like any event. If it cannot
 * be recorded, the request is answered 503 and nothing is changed: no change is ever made without an
 * audit event naming it. The event of its outcome follows, from {@link AuditFilter}; should that one
 * fail, the change stands, its intent is in the trail, and nothing is served (503).
 */
@Provider
@Priority(Priorities.USER + 1000)
public class AuditIntentFilter implements ContainerRequestFilter {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Logger LOG = Logger.getLogger(AuditIntentFilter.class.getName());

    @Context
    ResourceInfo resource;

    @Inject
    RequestAudit audit;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AuditWriter writer;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || TokenFilter.isUnauthenticated(resource) || !CHANGING.contains(request.getMethod())) {
            return;
        }
        Caller caller = currentCaller.get();
        List<String> id = request.getUriInfo().getPathParameters().get("id");
        EventFields intent = new EventFields(0, UUID.randomUUID().toString(), LocalDateTime.now(ZoneOffset.UTC),
                audit.requestId(), caller.userId(), caller.actingUserId(), caller.service(), caller.projectId(),
                AuditFilter.action(resource.getResourceClass(), method), request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                id == null || id.isEmpty() ? null : id.get(0), EventFields.PENDING, 0, null);
        try {
            writer.record(intent);
        } catch (RuntimeException e) {
            LOG.severe(() -> "The audit trail could not record the intent of request " + audit.requestId() + " ("
                    + request.getMethod() + " " + intent.action() + "): " + e.getClass().getName()
                    + "; nothing was changed");
            request.abortWith(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(503, "Service Unavailable", "The request could not be audited, so nothing"
                            + " was changed; the server log has the details.")).build());
        }
    }
}
