package org.lockbox.api.access;

import static org.lockbox.policy.Action.TRUST_LIST;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.access.SeenTrust;
import org.lockbox.access.TrustRegistry;
import org.lockbox.api.ApiResource;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.Timestamps;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;

/** Lockbox extension: the Keystone trusts Lockbox has seen valid tokens act under. */
@Tag(name = "Trusts")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/trusts")
@Produces(MediaType.APPLICATION_JSON)
public class TrustsResource extends ApiResource {

    @EJB
    TrustRegistry trusts;

    /** A trust as the API shows it. */
    @Schema(name = "SeenTrust")
    public record TrustView(String id, String trustorUserId, String trusteeUserId, String projectId,
                            boolean impersonation, String expiresAt, String lastUsed) {
        static TrustView of(SeenTrust trust) {
            return new TrustView(trust.id(), trust.trustorUserId(), trust.trusteeUserId(), trust.projectId(),
                    trust.impersonation(), Timestamps.format(trust.expiresAt()), Timestamps.format(trust.lastUsed()));
        }
    }

    /** The shape of a trust listing. */
    @Schema(name = "SeenTrustList")
    public record TrustList(List<TrustView> trusts, long total, @JsonbNillable(false) String next,
                            @JsonbNillable(false) String previous) {

        TrustList(List<TrustView> trusts, Listing.Links links) {
            this(trusts, links.total(), links.next(), links.previous());
        }
    }

    @Audited("trusts.list")
    @Requires(value = TRUST_LIST, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Operation(summary = "List the trusts seen in force", description = "The project's for its admin and audit;"
            + " every project's for key-manager:service-admin. Most recently used first.")
    @APIResponse(responseCode = "200", description = "The trusts",
            content = @Content(schema = @Schema(implementation = TrustList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public TrustList list(@BeanParam Paging paging) {
        Caller caller = caller();
        boolean everyProject = authorizer.allowsServiceWide(caller, TRUST_LIST);
        var page = trusts.list(everyProject ? null : caller.projectId(), paging.offset(), paging.limit());
        return new TrustList(page.items().stream().map(TrustView::of).toList(),
                links(page));
    }
}
