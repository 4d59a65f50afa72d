package org.lockbox.api.admin;

import static org.lockbox.policy.Action.INVENTORY_READ;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.Timestamps;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.inventory.InventoryQuery;
import org.lockbox.inventory.InventoryService;
import org.lockbox.inventory.KeyDetail;
import org.lockbox.inventory.KeySummary;
import org.lockbox.persistence.Page;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.policy.Scope;
import org.lockbox.policy.ScopePolicy;
import org.lockbox.rootoftrust.MasterKeyStatus;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rotation.Rotations;

/**
 * Lockbox extension: the read-only key inventory the admin console shows. A service admin sees every
 * project; a project's admin or audit role sees the token's project. Metadata only: nothing here
 * reads, unwraps or returns key material.
 */
@Tag(name = "Inventory")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource extends ApiResource {

    private static final Pattern STATUS = Pattern.compile("[A-Za-z_]{1,32}");
    private static final int RECENT_ROTATIONS = 10;

    @EJB
    InventoryService inventory;

    @EJB
    Rotations rotations;

    @Inject
    MasterKeys masterKeys;

    @Operation(summary = "Describe the caller as the inventory sees it",
            description = "User, scope, roles and whether the caller sees every project; the console signs in with it.")
    @APIResponse(responseCode = "200", description = "The caller")
    @Audited("inventory.caller")
    @Requires(value = INVENTORY_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("caller")
    public InventoryViews.CallerView describeCaller() {
        Caller caller = caller();
        boolean everyProject = seesEveryProject(caller);
        return new InventoryViews.CallerView(caller.userId(), caller.userName(), caller.actingUserId(),
                caller.projectId(), caller.domainId(), caller.roles().stream().sorted().toList(), everyProject,
                Timestamps.format(caller.expiresAt()));
    }

    @Operation(summary = "Summarise keys per project and service, master keys, the sealer and rotations",
            description = "Master-key versions and the sealer's reason are shown to service admins only.")
    @APIResponse(responseCode = "200", description = "The summary")
    @Audited("inventory.summary")
    @Requires(value = INVENTORY_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("summary")
    public InventoryViews.SummaryView summary() {
        Caller caller = caller();
        boolean everyProject = seesEveryProject(caller);
        String base = base();
        String project = everyProject ? null : caller.projectId();
        MasterKeyStatus status = masterKeys.status();
        return new InventoryViews.SummaryView(
                inventory.countsByProject(project).stream().map(InventoryViews.ProjectView::of).toList(),
                everyProject ? rotations.masterKeys().stream().map(s -> MasterKeyView.of(s, base)).toList() : List.of(),
                new InventoryViews.SealerView(status.provider(), status.ready(),
                        everyProject && !status.ready() ? status.detail() : null),
                rotations.rotations(null, project, null, RECENT_ROTATIONS).stream()
                        .map(r -> RotationView.of(r, base)).toList());
    }

    @Operation(summary = "List keys across projects, metadata only",
            description = "Filters: project_id, service, name (part of it, any case), status (ACTIVE, EXPIRED, ...);"
                    + " newest first, paged with offset and limit (at most 100).")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(schema = @Schema(implementation = InventoryViews.KeyList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @Audited("inventory.secrets")
    @Requires(value = INVENTORY_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("secrets")
    public InventoryViews.KeyList secrets(@QueryParam("project_id") String projectId, @QueryParam("service") String service,
                                       @QueryParam("name") String name, @QueryParam("status") String status,
                                       @BeanParam Paging paging) {
        Caller caller = caller();
        boolean everyProject = seesEveryProject(caller);
        String project = optional("project_id", projectId, 64);
        if (!everyProject) {
            if (project != null && !project.equals(caller.projectId())) {
                throw new AccessDeniedException("The admin and audit roles see their token's project only;"
                        + " other projects need key-manager:service-admin.");
            }
            project = caller.projectId();
        }
        String statusFilter = optional("status", status, 32);
        if (statusFilter != null && !STATUS.matcher(statusFilter).matches()) {
            throw ApiException.badRequest("'status' must be a word such as ACTIVE or EXPIRED.");
        }
        InventoryQuery query = new InventoryQuery(project, optional("service", service, 64),
                optional("name", name, 255), statusFilter == null ? null : statusFilter.toUpperCase(Locale.ROOT),
                userKeysOnlyOf(caller, everyProject), paging.offset(), paging.limit());
        String base = base();
        Page<KeySummary> page = inventory.keys(query);
        List<InventoryViews.KeyView> views = page.items().stream()
                .map(k -> InventoryViews.KeyView.of(k, base)).toList();
        Listing.Links links = links(page);
        return new InventoryViews.KeyList(views, links.total(), links.next(), links.previous());
    }

    @Operation(summary = "Show one key's metadata, user metadata, consumers and containers; never its material")
    @APIResponse(responseCode = "200", description = "The key")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("inventory.secret")
    @Requires(value = INVENTORY_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("secrets/{id}")
    public InventoryViews.KeyDetailView secret(@PathParam("id") @Parameter(description = "The key's (secret's) id") String id) {
        Caller caller = caller();
        boolean everyProject = seesEveryProject(caller);
        KeyDetail detail = id.length() > 36 ? null : inventory.key(id, userKeysOnlyOf(caller, everyProject));
        if (detail == null) {
            throw ApiException.notFound("Secret not found.");
        }
        if (!everyProject && !detail.key().projectId().equals(caller.projectId())) {
            throw AccessDeniedException.concealed("Secret not found.", "the secret belongs to another project"
                    + " and the caller's roles see their token's project only");
        }
        return InventoryViews.KeyDetailView.of(detail, base());
    }

    /**
     * Whose user-scoped keys the caller may see beyond its own: the scope table shows another user's
     * user key to the admin of its project only, so a service-wide or audit view lists only the
     * caller's own (null: every key of the project).
     */
    private static String userKeysOnlyOf(Caller caller, boolean everyProject) {
        return !everyProject && ScopePolicy.visible(Scope.USER, ScopePolicy.Relation.PROJECT, caller.roles())
                ? null : caller.userId();
    }

    /** Whether the caller sees the inventory of every project, not only its token's. */
    private boolean seesEveryProject(Caller caller) {
        return authorizer.allowsServiceWide(caller, INVENTORY_READ);
    }

    private static String optional(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.badRequest("'" + name + "' is longer than " + maxLength + " characters.");
        }
        return value.trim();
    }
}
