package org.lockbox.api;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts and times every API request by its route template (/v1/secrets/{id}, never the path with
 * its ids), HTTP method and status: a bounded set of series that names no key, project or token.
 * It runs before authentication, so refused requests are counted too. Timers are looked up in the
 * registry once per series and kept: the registry's lookup costs more than the update.
 */
@Provider
@Priority(1)
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    static final String UNMATCHED = "unmatched";
    /** Any other method is counted as "other", so a client cannot grow the set of series. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String STARTED = RequestMetrics.class.getName() + ".started";
    private static final Metadata REQUESTS = Metadata.builder().withName("lockbox.requests")
            .withDescription("API requests by route template, method and status, and their latency")
            .withUnit(MetricUnits.SECONDS).build();

    @Context
    ResourceInfo resource;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "other";
        String route = route();
        String status = Integer.toString(response.getStatus());
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, series -> registry.timer(REQUESTS,
                        new Tag("method", method), new Tag("route", route), new Tag("status", status)))
                .update(Duration.ofNanos(System.nanoTime() - started));
    }

    private String route() {
        if (resource == null || resource.getResourceClass() == null || resource.getResourceMethod() == null) {
            return UNMATCHED;
        }
        return template(resource.getResourceClass().getAnnotation(Path.class),
                resource.getResourceMethod().getAnnotation(Path.class));
    }

    /** The route template of a resource method: its class's @Path, then its own, as one absolute path. */
    static String template(Path classPath, Path methodPath) {
        StringBuilder route = new StringBuilder();
        for (Path path : new Path[] {classPath, methodPath}) {
            if (path == null) {
                continue;
            }
            for (String segment : path.value().split("/")) {
                if (!segment.isEmpty()) {
                    route.append('/').append(segment);
                }
            }
        }
        return route.isEmpty() ? "/" : route.toString();
    }
}
