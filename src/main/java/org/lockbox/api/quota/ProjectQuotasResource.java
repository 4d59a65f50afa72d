package org.lockbox.api.quota;

import static org.lockbox.policy.Action.PROJECT_QUOTA_DELETE;
import static org.lockbox.policy.Action.PROJECT_QUOTA_READ;
import static org.lockbox.policy.Action.PROJECT_QUOTA_UPDATE;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.api.ErrorBody;
import org.lockbox.api.JsonFields;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.audit.Audited;
import org.lockbox.policy.Requires;
import org.lockbox.quota.Quota;
import org.lockbox.quota.QuotaService;

/** Barbican's /v1/project-quotas: the quotas configured for any project, for admins. */
@Path("v1/project-quotas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quotas")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class ProjectQuotasResource extends ApiResource {

    private static final int MAX_PROJECT_ID = 64;
    private static final String ONLY_PROJECT_QUOTAS = "The body must be {\"project_quotas\": {...}} and nothing else.";

    @EJB
    QuotaService quotas;

    /** One project's configured quotas, as the listing shows them. */
    @Schema(name = "ProjectQuotas")
    public record ProjectQuotaView(String projectId, QuotaValues projectQuotas) {
    }

    /** The shape of a listing. */
    @Schema(name = "ProjectQuotasList")
    public record ProjectQuotaList(List<ProjectQuotaView> projectQuotas, long total,
                                   @JsonbNillable(false) String next, @JsonbNillable(false) String previous) {

        ProjectQuotaList(List<ProjectQuotaView> projectQuotas, Listing.Links links) {
            this(projectQuotas, links.total(), links.next(), links.previous());
        }
    }

    /** One project's configured quotas, as GET returns them. */
    @Schema(name = "ConfiguredQuotas")
    public record ConfiguredQuotas(@Schema(required = true) QuotaValues projectQuotas) {
    }

    /** One project's quotas, as PUT binds them; only the quotas given are set, the others return to the default. */
    @JsonRequest(unknownField = ONLY_PROJECT_QUOTAS)
    @Schema(name = "QuotaSettings")
    public record QuotaSettings(@Schema(required = true, implementation = QuotaValues.class) JsonObject projectQuotas) {
    }

    @Audited("project-quotas.list")
    @Requires(PROJECT_QUOTA_READ)
    @GET
    @Operation(summary = "List the projects that have configured quotas", description = "Oldest first; paged by"
            + " offset and limit (default 10, at most 100). A null value means the deployment's default.")
    @APIResponse(responseCode = "200", description = "One page of configured project quotas",
            content = @Content(schema = @Schema(implementation = ProjectQuotaList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public ProjectQuotaList list(@BeanParam Paging paging) {
        var page = quotas.list(paging.offset(), paging.limit());
        return new ProjectQuotaList(page.items().stream()
                .map(q -> new ProjectQuotaView(q.projectId(), QuotaValues.of(q.values()))).toList(),
                links(page));
    }

    @Audited("project-quotas.get")
    @Requires(PROJECT_QUOTA_READ)
    @GET
    @Path("{project}")
    @Operation(summary = "Show a project's configured quotas", description = "A null value means the deployment's"
            + " default applies.")
    @APIResponse(responseCode = "200", description = "The configured quotas",
            content = @Content(schema = @Schema(implementation = ConfiguredQuotas.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", description = "The project has no configured quotas",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ConfiguredQuotas get(@PathParam("project") @Parameter(description = "The project's id") String project) {
        return new ConfiguredQuotas(QuotaValues.of(quotas.get(projectId(project)).values()));
    }

    @Audited("project-quotas.set")
    @Requires(PROJECT_QUOTA_UPDATE)
    @PUT
    @Path("{project}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a project's quotas", description = "Replaces the project's configured quotas: a quota"
            + " left out returns to the default. -1 is unlimited, 0 forbids creation.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = QuotaSettings.class)))
    @APIResponse(responseCode = "204", description = "Set")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response set(@PathParam("project") @Parameter(description = "The project's id") String project,
                        QuotaSettings body) {
        quotas.set(projectId(project), values(body));
        return Response.noContent().build();
    }

    @Audited("project-quotas.delete")
    @Requires(PROJECT_QUOTA_DELETE)
    @DELETE
    @Path("{project}")
    @Operation(summary = "Remove a project's configured quotas", description = "The deployment's defaults apply again.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", description = "The project has no configured quotas",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response delete(@PathParam("project") @Parameter(description = "The project's id") String project) {
        quotas.delete(projectId(project));
        return Response.noContent().build();
    }


    static String projectId(String project) {
        if (project.isEmpty() || project.length() > MAX_PROJECT_ID) {
            throw ApiException.badRequest("A project id is 1 to " + MAX_PROJECT_ID + " characters.");
        }
        return project;
    }

    /** {"project_quotas": {"secrets": n, ...}}: known names only, integers of -1 or more. */
    static Map<Quota, Integer> values(QuotaSettings body) {
        JsonObject given = body.projectQuotas();
        if (given == null) {
            throw ApiException.badRequest(ONLY_PROJECT_QUOTAS);
        }
        Map<String, Quota> byName = new java.util.HashMap<>();
        for (Quota quota : Quota.values()) {
            byName.put(quota.wireName(), quota);
        }
        Map<Quota, Integer> values = new EnumMap<>(Quota.class);
        for (String name : given.keySet()) {
            Quota quota = byName.get(name);
            if (quota == null) {
                throw ApiException.badRequest("Unknown quota '" + name + "'; expected secrets, orders, containers,"
                        + " consumers or cas.");
            }
            Integer value = JsonFields.integer(given, name);
            if (value != null && value < Quota.UNLIMITED) {
                throw ApiException.badRequest("'" + name + "' must be -1 (unlimited) or more.");
            }
            values.put(quota, value);
        }
        return values;
    }
}
