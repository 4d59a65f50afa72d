package org.lockbox.api.admin;

import static org.lockbox.policy.Action.ROTATION_READ;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.rotation.Rotation;
import org.lockbox.rotation.RotationProgress;
import org.lockbox.rotation.Rotations;

/**
 * Lockbox extension: rotations and their progress. A service admin sees every rotation; a
 * project's admin sees the KEK rotations of that project only.
 */
@Tag(name = "Rotations")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/rotations")
@Produces(MediaType.APPLICATION_JSON)
public class RotationsResource extends ApiResource {

    @EJB
    Rotations rotations;

    /** The shape of a rotation listing. */
    @Schema(name = "RotationList")
    public record RotationList(List<RotationView> rotations) {
    }

    @Operation(summary = "List rotations and their progress")
    @APIResponse(responseCode = "200", description = "The rotations",
            content = @Content(schema = @Schema(implementation = RotationList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @Audited("rotations.list")
    @Requires(value = ROTATION_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    public RotationList list(@QueryParam("service") String service, @QueryParam("project_id") String projectId,
                                    @QueryParam("state") String state, @QueryParam("limit") String limit) {
        Caller caller = caller();
        String project = RotationRequests.optional(projectId);
        if (!authorizer.allowsServiceWide(caller, ROTATION_READ)) {
            if (project != null && !project.equals(caller.projectId())) {
                return new RotationList(List.of());
            }
            project = caller.projectId();
        }
        String base = base();
        List<RotationView> views = rotations.rotations(RotationRequests.optional(service), project,
                        RotationRequests.state(state), RotationRequests.limit(limit))
                .stream().map(r -> RotationView.of(r, base)).toList();
        return new RotationList(views);
    }

    @Operation(summary = "Show one rotation's progress")
    @APIResponse(responseCode = "200", description = "The rotation")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("rotations.get")
    @Requires(value = ROTATION_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("{id}")
    public RotationView get(@PathParam("id") @Parameter(description = "The rotation's id") String id) {
        Caller caller = caller();
        boolean everyProject = authorizer.allowsServiceWide(caller, ROTATION_READ);
        RotationProgress progress = rotations.rotation(id);
        if (progress == null || !(everyProject || (Rotation.KEK.equals(progress.rotation().kind())
                && caller.projectId().equals(progress.rotation().projectId())))) {
            throw ApiException.notFound("Rotation not found.");
        }
        return RotationView.of(progress, base());
    }
}
