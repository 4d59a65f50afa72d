package org.lockbox.api.admin;

import static org.lockbox.policy.Action.MASTER_KEY_MANAGE;
import static org.lockbox.policy.Action.MASTER_KEY_READ;

import java.net.URI;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
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
import org.lockbox.api.Hrefs;
import org.lockbox.audit.Audited;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rotation.RotationProgress;
import org.lockbox.rotation.Rotations;

/**
 * Lockbox extension: the services' master keys. Operators see each version and the KEKs it wraps,
 * provision a new version online (its KEKs are rewrapped in the background) and retire a version
 * nothing uses any more. Service-wide: key-manager:service-admin only.
 */
@Tag(name = "Master keys")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/master-keys")
@Produces(MediaType.APPLICATION_JSON)
public class MasterKeysResource extends ApiResource {

    @EJB
    Rotations rotations;

    @Inject
    MasterKeys masterKeys;

    /** The master keys of every service, and the provider that seals them. */
    @Schema(name = "MasterKeyList")
    public record MasterKeyList(String provider, List<MasterKeyView> masterKeys) {
    }

    /** A new master-key version, and the rotation that rewraps the service's KEKs under it. */
    @Schema(name = "NewMasterKeyVersion")
    public record NewVersion(String service, int version, RotationView rotation) {
    }

    @Operation(summary = "List every service's master-key versions", description = "Versions, the KEKs each wraps, whether it is unsealed, and the latest rotation; never key material. Service admins only.")
    @APIResponse(responseCode = "200", description = "The master keys",
            content = @Content(schema = @Schema(implementation = MasterKeyList.class)))
    @Audited("master-keys.list")
    @Requires(value = MASTER_KEY_READ, where = Where.EVERY_PROJECT)
    @GET
    public MasterKeyList list() {
        String base = base();
        List<MasterKeyView> views = rotations.masterKeys().stream().map(s -> MasterKeyView.of(s, base)).toList();
        return new MasterKeyList(masterKeys.status().provider(), views);
    }

    @Operation(summary = "Show one service's master-key versions")
    @APIResponse(responseCode = "200", description = "The service's master keys")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("master-keys.get")
    @Requires(value = MASTER_KEY_READ, where = Where.EVERY_PROJECT)
    @GET
    @Path("{service}")
    public MasterKeyView get(@PathParam("service") @Parameter(description = "A service with its own master key, such as volume") String service) {
        return MasterKeyView.of(rotations.masterKey(service), base());
    }

    /** Seals a new version, current at once; answers 201 with the rotation that rewraps the service's KEKs. */
    @Operation(summary = "Seal a new master-key version and rotate every KEK under it", description = "The new version is current at once; KEKs are rewrapped in the background.")
    @APIResponse(responseCode = "201", description = "The rotation started",
            content = @Content(schema = @Schema(implementation = NewVersion.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("master-keys.provision")
    @Requires(value = MASTER_KEY_MANAGE, where = Where.EVERY_PROJECT)
    @POST
    @Path("{service}/versions")
    public Response provision(@PathParam("service") @Parameter(description = "A service with its own master key, such as volume") String service) {
        RotationProgress rotation = rotations.provision(service);
        String base = base();
        return Response.created(URI.create(Hrefs.masterKey(base, service)))
                .entity(new NewVersion(service, rotation.rotation().toVersion(), RotationView.of(rotation, base)))
                .build();
    }

    /** Forgets a version and has the provider destroy it; 409 while it is current or any KEK is wrapped under it. */
    @Operation(summary = "Retire an old master-key version", description = "Refused while it is current or any KEK is wrapped under it.")
    @APIResponse(responseCode = "204", description = "Retired")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @Audited("master-keys.retire")
    @Requires(value = MASTER_KEY_MANAGE, where = Where.EVERY_PROJECT)
    @DELETE
    @Path("{service}/versions/{version}")
    public Response retire(@PathParam("service") @Parameter(description = "A service with its own master key, such as volume") String service, @PathParam("version") @Parameter(description = "The master-key version") String version) {
        rotations.retire(service, RotationRequests.version(version));
        return Response.noContent().build();
    }
}
