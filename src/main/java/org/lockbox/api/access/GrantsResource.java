package org.lockbox.api.access;

import static org.lockbox.policy.Action.GRANT_CREATE;
import static org.lockbox.policy.Action.GRANT_DELETE;
import static org.lockbox.policy.Action.GRANT_LIST;

import java.net.URI;
import java.util.List;

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
import org.lockbox.access.Grant;
import org.lockbox.access.GrantService;
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.api.JsonFields;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.Timestamps;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.KeyGrant;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;

/**
 * Lockbox extension: a project's grants. A write-only grant lets a service create keys for the
 * project without reading any; a read grant lets another service read the project's keys (or one);
 * a delegation lets one user (a compute host's) read one key while acting under a trust from the
 * user who made it.
 */
@Tag(name = "Grants")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/grants")
@Produces(MediaType.APPLICATION_JSON)
public class GrantsResource extends ApiResource {

    @EJB
    GrantService grants;

    /** A grant as the API shows it. */
    @Schema(name = "Grant")
    public record GrantView(String id, String projectId, String service,
                            @Schema(enumeration = {"read", "write-only"}) String access, String secretId,
                            String grantee, String trustorUserId, String createdBy,
                            @Schema(description = "The service the grant's maker spoke for: a read grant opens only"
                                    + " keys it owns") String grantorService,
                            String created, String expiresAt) {
        static GrantView of(Grant grant) {
            return new GrantView(grant.id(), grant.projectId(), grant.service(), grant.access(), grant.secretId(),
                    grant.grantee(), grant.trustor(), grant.createdBy(), grant.grantorService(),
                    Timestamps.format(grant.created()), Timestamps.format(grant.expiresAt()));
        }
    }

    /** The shape of a grant request. */
    @Schema(name = "NewGrant", description = "write-only: {service, access: write-only} (project admin);"
            + " read for a service: {service, access: read[, secret_id]} (project admin speaking for the service"
            + " that owns the keys); delegation: {service, access: read, secret_id, grantee} (the key's user or"
            + " the admin, reading the key by right)")
    @JsonRequest(unknownField = "Unknown field '%s'.")
    public record NewGrantRequest(@Schema(required = true, maxLength = 64) String service,
                                  @Schema(required = true, maxLength = 16, enumeration = {"read", "write-only"})
                                  String access,
                                  @Schema(maxLength = 36) String secretId, @Schema(maxLength = 64) String grantee,
                                  @Schema(maxLength = 64) String expiresAt) {

        GrantService.NewGrant grant() {
            if (service == null) {
                throw ApiException.badRequest("'service' is required.");
            }
            KeyGrant.Access wireAccess = KeyGrant.Access.fromWire(access);
            if (wireAccess == null) {
                throw ApiException.badRequest("'access' must be read or write-only.");
            }
            return new GrantService.NewGrant(service, wireAccess, secretId, grantee,
                    JsonFields.timestamp("expires_at", expiresAt));
        }
    }

    /** The shape of a grant listing. */
    @Schema(name = "GrantList")
    public record GrantList(List<GrantView> grants, long total, @JsonbNillable(false) String next,
                            @JsonbNillable(false) String previous) {

        GrantList(List<GrantView> grants, Listing.Links links) {
            this(grants, links.total(), links.next(), links.previous());
        }
    }

    /**
     * Every grant needs GRANT_CREATE; a grant to a service (one without a grantee) needs
     * GRANT_PROJECT_CREATE as well, which GrantService checks once the body says which it is.
     */
    @Audited("grants.create")
    @Requires(GRANT_CREATE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a service or a delegate access to the project's keys")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewGrantRequest.class)))
    @APIResponse(responseCode = "201", description = "Granted",
            content = @Content(schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response create(NewGrantRequest body) {
        Caller caller = caller();
        Grant grant = grants.create(caller, body.grant());
        return Response.created(URI.create(base() + "/v1/lockbox/grants/" + grant.id()))
                .entity(GrantView.of(grant)).build();
    }

    @Audited("grants.list")
    @Requires(value = GRANT_LIST, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Operation(summary = "List the project's grants", description = "Newest first. Every project's for"
            + " key-manager:service-admin.")
    @APIResponse(responseCode = "200", description = "The grants",
            content = @Content(schema = @Schema(implementation = GrantList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public GrantList list(@QueryParam("secret_id") @Parameter(description = "Only grants on this key")
                                    String secretId,
                                    @BeanParam Paging paging) {
        Caller caller = caller();
        boolean everyProject = authorizer.allowsServiceWide(caller, GRANT_LIST);
        var page = grants.list(caller, everyProject, secretId, paging.offset(), paging.limit());
        return new GrantList(page.items().stream().map(GrantView::of).toList(),
                links(page));
    }

    @Audited("grants.get")
    @Requires(value = GRANT_LIST, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("{id}")
    @Operation(summary = "Show one grant")
    @APIResponse(responseCode = "200", description = "The grant",
            content = @Content(schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public GrantView get(@PathParam("id") @Parameter(description = "The grant's id") String id) {
        Caller caller = caller();
        return GrantView.of(grants.get(caller, id));
    }

    @Audited("grants.delete")
    @Requires(GRANT_DELETE)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Withdraw a grant", description = "The project's admin withdraws any; another user those"
            + " they made. A delegate loses access at once.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") @Parameter(description = "The grant's id") String id) {
        Caller caller = caller();
        grants.delete(caller, id);
        return Response.noContent().build();
    }
}
