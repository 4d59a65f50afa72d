package org.lockbox.api.admin;

import static org.lockbox.policy.Action.KEK_READ;
import static org.lockbox.policy.Action.KEK_ROTATE;

import java.net.URI;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiResource;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.rotation.RotationProgress;
import org.lockbox.rotation.Rotations;

/**
 * Lockbox extension: a project's KEK for one service ({@code ?service=}, by default the caller's
 * own), its versions, and its rotation. For the project's admin, or a service admin.
 */
@Tag(name = "Key-encryption keys")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/projects/{project}/kek")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectKekResource extends ApiResource {

    @EJB
    Rotations rotations;

    @Operation(summary = "Show a project's KEK versions", description = "Each version's state and how many secrets it wraps.")
    @APIResponse(responseCode = "200", description = "The project's KEKs")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("project-kek.get")
    @Requires(value = KEK_READ, where = Where.PATH_PROJECT)
    @GET
    public ProjectKekView get(@PathParam("project") @Parameter(description = "The project's id") String project, @QueryParam("service") String service) {
        Caller caller = caller();
        return ProjectKekView.of(rotations.kek(service(caller, service), project), base());
    }

    /** Rotates the KEK: 202 with the rotation, whose secrets are rewrapped in the background. */
    @Operation(summary = "Rotate a project's KEK", description = "Creates the next KEK version; the project's secrets are rewrapped in the background.")
    @APIResponse(responseCode = "202", description = "The rotation started")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("project-kek.rotate")
    @Requires(value = KEK_ROTATE, where = Where.PATH_PROJECT)
    @POST
    @Path("rotation")
    public Response rotate(@PathParam("project") @Parameter(description = "The project's id") String project, @QueryParam("service") String service) {
        Caller caller = caller();
        RotationProgress rotation = rotations.rotateKek(service(caller, service), project);
        RotationView view = RotationView.of(rotation, base());
        return Response.accepted(view).location(URI.create(view.rotationRef())).build();
    }

    private static String service(Caller caller, String requested) {
        String service = RotationRequests.optional(requested);
        return service == null ? caller.service() : service;
    }
}
