package org.lockbox.api.container;

import static org.lockbox.policy.Action.CONTAINER_SECRET_ADD;
import static org.lockbox.policy.Action.CONTAINER_SECRET_REMOVE;

import java.net.URI;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.lockbox.api.RefBodies;
import org.lockbox.audit.Audited;
import org.lockbox.container.ContainerService;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires;

/** Barbican's /v1/containers/{id}/secrets: add a secret to, or remove one from, a generic container. */
@Path("v1/containers/{id}/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Containers")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class ContainerSecretsResource extends ApiResource {

    @EJB
    ContainerService containers;

    @Audited("container-secrets.add")
    @Requires(CONTAINER_SECRET_ADD)
    @POST
    @Operation(summary = "Add a secret to a generic container", description = "The same secret may be added again"
            + " only under another name.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ContainerView.SecretRefView.class)))
    @APIResponse(responseCode = "201", description = "Added; the container's reference",
            content = @Content(schema = @Schema(implementation = RefBodies.ContainerRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response add(@PathParam("id") @Parameter(description = "The container's id") String id,
                        ContainerView.SecretRefView body) {
        Caller caller = caller();
        String base = base();
        containers.addSecret(caller, id, ContainerRequests.member(body, base));
        String ref = Hrefs.container(base, id);
        return Response.created(URI.create(ref)).entity(new RefBodies.ContainerRef(ref)).build();
    }

    @Audited("container-secrets.remove")
    @Requires(CONTAINER_SECRET_REMOVE)
    @DELETE
    @Operation(summary = "Remove a secret from a generic container", description = "The body names the member:"
            + " the secret_ref and the name it has in the container (none if it has none). The secret is kept.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ContainerView.SecretRefView.class)))
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response remove(@PathParam("id") @Parameter(description = "The container's id") String id,
                        ContainerView.SecretRefView body) {
        Caller caller = caller();
        containers.removeSecret(caller, id, ContainerRequests.member(body, base()));
        return Response.noContent().build();
    }
}
