package org.lockbox.api.container;

import static org.lockbox.policy.Action.CONTAINER_CONSUMER_CREATE;
import static org.lockbox.policy.Action.CONTAINER_CONSUMER_DELETE;
import static org.lockbox.policy.Action.CONTAINER_CONSUMER_LIST;

import java.net.URI;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiResource;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.audit.Audited;
import org.lockbox.container.ContainerService;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires;

/** Barbican's /v1/containers/{id}/consumers: services register their use of a container by name and URL. */
@Path("v1/containers/{id}/consumers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Container consumers")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class ContainerConsumersResource extends ApiResource {

    @EJB
    ContainerService containers;

    /** The shape of a consumer listing. */
    @Schema(name = "ContainerConsumerList")
    public record ConsumerList(List<ContainerConsumerView> consumers, long total, @JsonbNillable(false) String next,
                               @JsonbNillable(false) String previous) {

        ConsumerList(List<ContainerConsumerView> consumers, Listing.Links links) {
            this(consumers, links.total(), links.next(), links.previous());
        }
    }

    /** The shape of the consumer POST and DELETE take. */
    @JsonRequest
    @Schema(name = "ContainerConsumerRequest")
    public record ConsumerRequest(@Schema(required = true, maxLength = 36) String name,
                                  @JsonbProperty("URL") @Schema(name = "URL", required = true, maxLength = 255) String url) {
    }

    @Audited("container-consumers.list")
    @Requires(CONTAINER_CONSUMER_LIST)
    @GET
    @Operation(summary = "List a container's consumers", description = "Paged by offset and limit (default 10, at"
            + " most 100).")
    @APIResponse(responseCode = "200", description = "One page of the container's consumers",
            content = @Content(schema = @Schema(implementation = ConsumerList.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public ConsumerList list(@PathParam("id") @Parameter(description = "The container's id") String id,
                                    @BeanParam Paging paging) {
        Caller caller = caller();
        var page = containers.consumers(caller, id, paging.offset(), paging.limit());
        return new ConsumerList(page.items().stream().map(ContainerConsumerView::of).toList(),
                links(page));
    }

    @Audited("container-consumers.add")
    @Requires(CONTAINER_CONSUMER_CREATE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a consumer of a container", description = "Registering the same name and URL"
            + " again is harmless. Counts towards the project's consumers quota. Answers with the container.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConsumerRequest.class)))
    @APIResponse(responseCode = "200", description = "Registered; the container with its consumers",
            content = @Content(schema = @Schema(implementation = ContainerView.class)))
    @APIResponse(responseCode = "403", ref = "QuotaReached")
    public Response add(@PathParam("id") @Parameter(description = "The container's id") String id,
                        ConsumerRequest body) {
        Caller caller = caller();
        var consumer = ContainerRequests.consumer(body);
        String base = base();
        return Response.ok(ContainerView.of(containers.addConsumer(caller, id, consumer.name(), consumer.url()), base))
                .location(URI.create(Hrefs.containerConsumers(base, id))).build();
    }

    @Audited("container-consumers.remove")
    @Requires(CONTAINER_CONSUMER_DELETE)
    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove a consumer of a container", description = "The body names the consumer. Answers"
            + " with the container.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConsumerRequest.class)))
    @APIResponse(responseCode = "200", description = "Removed; the container with its remaining consumers",
            content = @Content(schema = @Schema(implementation = ContainerView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public ContainerView remove(@PathParam("id") @Parameter(description = "The container's id") String id,
                                ConsumerRequest body) {
        Caller caller = caller();
        var consumer = ContainerRequests.consumer(body);
        return ContainerView.of(containers.removeConsumer(caller, id, consumer.name(), consumer.url()),
                base());
    }

}
