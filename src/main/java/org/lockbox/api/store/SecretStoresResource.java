package org.lockbox.api.store;

import static org.lockbox.policy.Action.PREFERRED_STORE_REMOVE;
import static org.lockbox.policy.Action.PREFERRED_STORE_SET;
import static org.lockbox.policy.Action.STORE_READ;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiResource;
import org.lockbox.api.ErrorBody;
import org.lockbox.audit.Audited;
import org.lockbox.policy.Requires;
import org.lockbox.store.SecretStoreService;

/**
 * Barbican's /v1/secret-stores: the store back ends and the caller's project's preferred one.
 * Lockbox has one store, which is the global default; a project may name it as preferred.
 */
@Path("v1/secret-stores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Secret stores")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class SecretStoresResource extends ApiResource {

    @EJB
    SecretStoreService stores;

    /** The shape of the listing. */
    @Schema(name = "SecretStoreList")
    public record SecretStoreList(List<SecretStoreView> secretStores) {
    }

    @Audited("secret-stores.list")
    @Requires(STORE_READ)
    @GET
    @Operation(summary = "List the secret stores", description = "Lockbox has one: secrets wrapped with AES-256-GCM"
            + " under per-project KEKs and per-service master keys, kept in its database.")
    @APIResponse(responseCode = "200", description = "The stores",
            content = @Content(schema = @Schema(implementation = SecretStoreList.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public SecretStoreList list() {
        String base = base();
        return new SecretStoreList(stores.all().stream().map(s -> SecretStoreView.of(s, base)).toList());
    }

    @Audited("secret-stores.globalDefault")
    @Requires(STORE_READ)
    @GET
    @Path("global-default")
    @Operation(summary = "Show the global default secret store")
    @APIResponse(responseCode = "200", description = "The default store",
            content = @Content(schema = @Schema(implementation = SecretStoreView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public SecretStoreView globalDefault() {
        return SecretStoreView.of(stores.globalDefault(), base());
    }

    @Audited("secret-stores.preferred")
    @Requires(STORE_READ)
    @GET
    @Path("preferred")
    @Operation(summary = "Show the caller's project's preferred secret store", description = "404 until the project"
            + " names one.")
    @APIResponse(responseCode = "200", description = "The preferred store",
            content = @Content(schema = @Schema(implementation = SecretStoreView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", description = "The project has no preferred store",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SecretStoreView preferred() {
        return SecretStoreView.of(stores.preferred(caller()), base());
    }

    @Audited("secret-stores.get")
    @Requires(STORE_READ)
    @GET
    @Path("{id}")
    @Operation(summary = "Describe a secret store")
    @APIResponse(responseCode = "200", description = "The store",
            content = @Content(schema = @Schema(implementation = SecretStoreView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public SecretStoreView get(@PathParam("id") @Parameter(description = "The store's id") String id) {
        return SecretStoreView.of(stores.get(id), base());
    }

    @Audited("secret-stores.prefer")
    @Requires(PREFERRED_STORE_SET)
    @POST
    @Path("{id}/preferred")
    @Operation(summary = "Make a store the caller's project's preferred store", description = "Replaces any earlier"
            + " preference of the project.")
    @APIResponse(responseCode = "204", description = "Preferred")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response prefer(@PathParam("id") @Parameter(description = "The store's id") String id) {
        stores.prefer(caller(), id);
        return Response.noContent().build();
    }

    @Audited("secret-stores.removePreference")
    @Requires(PREFERRED_STORE_REMOVE)
    @DELETE
    @Path("{id}/preferred")
    @Operation(summary = "Remove the caller's project's preferred store", description = "404 when the project has"
            + " no preference.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response removePreference(@PathParam("id") @Parameter(description = "The store's id") String id) {
        stores.removePreference(caller(), id);
        return Response.noContent().build();
    }

}
