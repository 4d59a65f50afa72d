package org.lockbox.api.quota;

import static org.lockbox.policy.Action.QUOTA_READ;


import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiResource;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires;
import org.lockbox.quota.QuotaService;

/** Barbican's /v1/quotas: the quotas in force for the caller's project. */
@Path("v1/quotas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quotas")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class QuotasResource extends ApiResource {

    @EJB
    QuotaService quotas;

    /** The shape of the answer. */
    @Schema(name = "EffectiveQuotas")
    public record EffectiveQuotas(QuotaValues quotas) {
    }

    @Audited("quotas.effective")
    @Requires(QUOTA_READ)
    @GET
    @Operation(summary = "Show the caller's project quotas", description = "The quotas in force: the project's"
            + " configured values, the deployment's defaults for the rest.")
    @APIResponse(responseCode = "200", description = "The effective quotas",
            content = @Content(schema = @Schema(implementation = EffectiveQuotas.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public EffectiveQuotas effective() {
        Caller caller = caller();
        return new EffectiveQuotas(QuotaValues.of(quotas.effective(caller.projectId())));
    }
}
