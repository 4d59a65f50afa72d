package org.lockbox.api.container;

import static org.lockbox.policy.Action.*;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.EJB;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.api.ErrorBody;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonList;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.RefBodies;
import org.lockbox.audit.Audited;
import org.lockbox.container.ContainerService;
import org.lockbox.container.SecretContainer;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;

/** Barbican's /v1/containers: create, read, list and delete containers of secrets. */
@Path("v1/containers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Containers")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class ContainersResource extends ApiResource {

    @EJB
    ContainerService containers;

    /** The shape of a container listing. */
    @Schema(name = "ContainerList")
    public record ContainerList(List<ContainerView> containers, long total, @JsonbNillable(false) String next,
                                @JsonbNillable(false) String previous) {

        ContainerList(List<ContainerView> containers, Listing.Links links) {
            this(containers, links.total(), links.next(), links.previous());
        }
    }

    /** The shape of a new container request. */
    @Schema(name = "NewContainer", description = "rsa containers need public_key and private_key (and may have"
            + " private_key_passphrase); certificate containers need certificate (and may have private_key,"
            + " private_key_passphrase, intermediates); generic containers take any names")
    @JsonRequest
    public record NewContainerRequest(@Schema(maxLength = 255) String name,
                                      @Schema(required = true, maxLength = 255,
                                              enumeration = {"generic", "rsa", "certificate"}) String type,
                                      @JsonList(notAList = "'secret_refs' must be a list of {\"name\", \"secret_ref\"}"
                                              + " objects.", badEntry = "Each of 'secret_refs' must be a {\"name\","
                                              + " \"secret_ref\"} object.")
                                      List<ContainerView.SecretRefView> secretRefs) {
    }

    @Audited("containers.create")
    @Requires(CONTAINER_CREATE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a container", description = "Every secret_ref must be a secret of the caller's"
            + " project on this server. Counts towards the project's containers quota.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewContainerRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; the reference is in container_ref and Location",
            content = @Content(schema = @Schema(implementation = RefBodies.ContainerRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "QuotaReached")
    @APIResponse(responseCode = "404", description = "A secret_ref names no secret of the caller's project",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(NewContainerRequest body) {
        Caller caller = caller();
        String base = base();
        var request = ContainerRequests.newContainer(body, base);
        SecretContainer container = containers.create(caller, request.name(), request.type(), request.secrets());
        String ref = Hrefs.container(base, container.id());
        return Response.created(URI.create(ref)).entity(new RefBodies.ContainerRef(ref)).build();
    }

    @Audited("containers.list")
    @Requires(CONTAINER_LIST)
    @GET
    @Operation(summary = "List the project's containers", description = "Oldest first, optionally of one name and"
            + " type; paged by offset and limit (default 10, at most 100).")
    @APIResponse(responseCode = "200", description = "One page of the project's containers",
            content = @Content(schema = @Schema(implementation = ContainerList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public ContainerList list(@BeanParam Paging paging,
                                    @QueryParam("name") @Parameter(description = "Only containers of this name")
                                    String name,
                                    @QueryParam("type") @Parameter(description = "Only containers of this type:"
                                            + " generic, rsa or certificate") String type) {
        Caller caller = caller();
        var page = containers.list(caller, name, type(type), paging.offset(), paging.limit());
        String base = base();
        return new ContainerList(page.items().stream().map(c -> ContainerView.of(c, base)).toList(),
                links(page));
    }

    @Audited("containers.get")
    @Requires(value = CONTAINER_READ, where = Where.EACH_KEY)
    @GET
    @Path("{id}")
    @Operation(summary = "Describe a container", description = "Its members and its consumers.")
    @APIResponse(responseCode = "200", description = "The container",
            content = @Content(schema = @Schema(implementation = ContainerView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ContainerView get(@PathParam("id") @Parameter(description = "The container's id") String id) {
        return ContainerView.of(containers.accessible(caller(), id, CONTAINER_READ), base());
    }

    @Audited("containers.delete")
    @Requires(CONTAINER_DELETE)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a container", description = "Deletes the container and its consumers; the secrets"
            + " it refers to are kept.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") @Parameter(description = "The container's id") String id) {
        Caller caller = caller();
        retry.run(() -> containers.delete(caller, id));
        return Response.noContent().build();
    }

    private static String type(String type) {
        if (type == null) {
            return null;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (!ContainerRequests.TYPES.contains(lower)) {
            throw ApiException.badRequest("Unknown container 'type' '" + type + "'; expected generic, rsa or certificate.");
        }
        return lower;
    }
}
