package org.lockbox.api;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.lockbox.audit.AuditWriter;
import org.lockbox.audit.Audited;
import org.lockbox.audit.EventFields;
import org.lockbox.audit.RequestAudit;
import org.lockbox.identity.AuthenticationException;
import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;

/**
 * Records one audit event per API request, at the boundary: who (user, acting user under a trust,
 * service, project), what (the action the matched resource method declares; the path's id names the
 * key), and how it ended (allowed, denied or failed, with the status and the reason); a change's
 * intent was recorded before it ran ({@link AuditIntentFilter}). The event is
 * committed before the response leaves: a response whose event cannot be written is replaced by a
 * 503, so no material is released without a durable record (a response that is a 503 already keeps its
 * own reason). Events are keyed with an audit key derived from a master key, so while master keys are
 * not unsealed nothing can be recorded, and nothing is answered but 503s. Only identifiers and refusal reasons
 * are recorded, never a body, a query string or a header value.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String REQUEST_ID = "X-Openstack-Request-Id";
    /** Events are written before the response, so the audit lag is the time an append takes. */
    private static final Metadata AUDIT_LAG = Metadata.builder().withName("lockbox.audit.lag")
            .withDescription("Time from a request's outcome to its audit event being committed (events are written"
                    + " before the response, so this is the whole lag of the audit trail)")
            .withUnit(MetricUnits.SECONDS).build();
    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());

    @Context
    ResourceInfo resource;

    @Inject
    RequestAudit audit;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AuditWriter writer;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Override
    public void filter(ContainerRequestContext request) {
        audit.begin(request.getHeaderString(REQUEST_ID));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resource.getResourceMethod();
        if (method == null || TokenFilter.isUnauthenticated(resource)) {
            return;
        }
        Caller caller = caller();
        int status = response.getStatus();
        String outcome = audit.wasRefused() || status == 401 || status == 403 ? EventFields.DENIED
                : status < 400 ? EventFields.ALLOWED : EventFields.FAILED;
        String reason = audit.wasRefused() ? audit.refusal()
                : response.getEntity() instanceof ErrorBody error ? error.description() : null;
        EventFields event = new EventFields(0, audit.eventId(), LocalDateTime.now(ZoneOffset.UTC), audit.requestId(),
                caller == null ? null : caller.userId(), caller == null ? null : caller.actingUserId(),
                caller == null ? null : caller.service(), caller == null ? null : caller.projectId(),
                action(resource.getResourceClass(), method), request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                keyId(request, response), outcome, status, reason, audit.keyProject());
        long started = System.nanoTime();
        try {
            writer.record(event);
            registry.timer(AUDIT_LAG).update(Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            LOG.severe(() -> "The audit trail could not record request " + audit.requestId() + " ("
                    + request.getMethod() + " " + event.action() + "): " + e.getClass().getName()
                    + "; the response is withheld");
            if (status == 503) {
                return; // already withheld: it carries nothing, and keeps the reason (e.g. master keys not unsealed)
            }
            response.getHeaders().remove(HttpHeaders.LOCATION);
            response.setStatus(503);
            response.setEntity(new ErrorBody(503, "Service Unavailable",
                    "The request could not be audited, so its result is withheld; the server log has the details."),
                    new java.lang.annotation.Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        }
    }

    private Caller caller() {
        try {
            return currentCaller.get();
        } catch (AuthenticationException e) {
            return null;
        }
    }

    /**
     * The action a resource method performs, as it and its resource class declare it (see {@link Audited}),
     * e.g. secrets.delete; every audited
     * endpoint declares one (a test walks them), so "undeclared" names only a gap in that test.
     */
    static String action(Class<?> resourceClass, Method method) {
        Audited audited = operation(method);
        Audited resource = resourceClass.getAnnotation(Audited.class);
        return audited == null ? "undeclared" : resource == null ? audited.value()
                : resource.value() + "." + audited.value();
    }

    /** The method's audit name, or the name on the method it overrides (an override may add only a policy). */
    static Audited operation(Method method) {
        for (Class<?> type = method.getDeclaringClass(); type != null; type = type.getSuperclass()) {
            try {
                Audited audited = type.getDeclaredMethod(method.getName(), method.getParameterTypes())
                        .getAnnotation(Audited.class);
                if (audited != null) {
                    return audited;
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level
            }
        }
        return null;
    }

    /** The key the request is about: the path's id, or what a 201 created. */
    private static String keyId(ContainerRequestContext request, ContainerResponseContext response) {
        List<String> id = request.getUriInfo().getPathParameters().get("id");
        if (id != null && !id.isEmpty()) {
            return id.get(0);
        }
        if (response.getStatus() == 201 && response.getHeaders().getFirst(HttpHeaders.LOCATION) != null) {
            String location = URI.create(response.getHeaders().getFirst(HttpHeaders.LOCATION).toString()).getPath();
            return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
        }
        return null;
    }
}
