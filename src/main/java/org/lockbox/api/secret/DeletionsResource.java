package org.lockbox.api.secret;

import static org.lockbox.policy.Action.DELETION_LIST;
import static org.lockbox.policy.Action.DELETION_RESTORE;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiResource;
import org.lockbox.api.Hrefs;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.RefBodies;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.secret.Secret;
import org.lockbox.secret.SecretDeletions;

/**
 * Lockbox extension: secrets whose deletion was requested and that wait out their grace period.
 * key-manager:service-admin sees and restores every project's; a project's admin its own (the
 * audit role only sees them).
 */
@Tag(name = "Deletions")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/deletions")
@Produces(MediaType.APPLICATION_JSON)
public class DeletionsResource extends ApiResource {

    @EJB
    SecretDeletions deletions;

    /** The shape of the pending-deletion listing. */
    @Schema(name = "PendingDeletionList")
    public record DeletionList(List<DeletionView> deletions, long total, @JsonbNillable(false) String next,
                               @JsonbNillable(false) String previous) {

        DeletionList(List<DeletionView> deletions, Listing.Links links) {
            this(deletions, links.total(), links.next(), links.previous());
        }
    }

    @Audited("deletions.list")
    @Requires(value = DELETION_LIST, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Operation(summary = "List secrets pending deletion", description = "Newest request first, paged by offset and"
            + " limit (default 10, at most 100). Other projects need key-manager:service-admin.")
    @Parameter(name = "project_id", description = "Only this project's")
    @APIResponse(responseCode = "200", description = "One page of pending deletions",
            content = @Content(schema = @Schema(implementation = DeletionList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public DeletionList list(@QueryParam("project_id") String projectId, @BeanParam Paging paging) {
        Caller caller = caller();
        String project = authorizer.listedProject(caller, DELETION_LIST, Listing.filter(projectId),
                "deletions");
        var page = deletions.list(project, paging.offset(), paging.limit());
        String base = base();
        return new DeletionList(page.items().stream().map(d -> DeletionView.of(d, base)).toList(),
                links(page));
    }

    @Audited("deletions.restore")
    @Requires(value = DELETION_RESTORE, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore a secret pending deletion", description = "Within the grace period: the secret is"
            + " readable again, with its metadata and its places in containers that still exist. Refused (409) when"
            + " the project's secrets quota is full.")
    @APIResponse(responseCode = "200", description = "Restored",
            content = @Content(schema = @Schema(implementation = RefBodies.SecretRef.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public RefBodies.SecretRef restore(@PathParam("id") @Parameter(description = "The secret's id") String id) {
        Caller caller = caller();
        boolean anyProject = authorizer.allowsServiceWide(caller, DELETION_RESTORE);
        Secret secret = deletions.restore(caller, id, anyProject);
        return new RefBodies.SecretRef(Hrefs.secret(base(), secret.id()));
    }
}
