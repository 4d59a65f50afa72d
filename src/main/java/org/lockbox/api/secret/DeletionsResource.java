package org.lockbox.api.secret;

import static org.lockbox.policy.Action.DELETION_LIST;
import static org.lockbox.policy.Action.DELETION_RESTORE;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.Hrefs;
import org.lockbox.api.Listing;
import org.lockbox.api.RefBodies;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.policy.Authorizer;
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
public class DeletionsResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Authorizer authorizer;

    @EJB
    SecretDeletions deletions;

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

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
    @Parameter(name = "offset", description = "Index of the first to return", schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "limit", description = "How many to return (default 10, at most 100)", schema = @Schema(type = SchemaType.INTEGER))
    @APIResponse(responseCode = "200", description = "One page of pending deletions",
            content = @Content(schema = @Schema(implementation = DeletionList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public DeletionList list(@QueryParam("project_id") String projectId, @QueryParam("offset") String offset,
                                    @QueryParam("limit") String limit) {
        Caller caller = currentCaller.get();
        String project = authorizer.listedProject(caller, DELETION_LIST, Listing.filter(projectId),
                "deletions");
        var page = deletions.list(project, Listing.offset(offset), Listing.limit(limit));
        String base = hrefs.base(uriInfo);
        return new DeletionList(page.items().stream().map(d -> DeletionView.of(d, base)).toList(),
                Listing.links(page, uriInfo, base));
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
        Caller caller = currentCaller.get();
        boolean anyProject = authorizer.allowsServiceWide(caller, DELETION_RESTORE);
        Secret secret = deletions.restore(caller, id, anyProject);
        return new RefBodies.SecretRef(Hrefs.secret(hrefs.base(uriInfo), secret.id()));
    }
}
