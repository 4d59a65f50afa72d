package org.lockbox.api.admin;

import static org.lockbox.policy.Action.REPLICA_MANAGE;
import static org.lockbox.policy.Action.REPLICA_READ;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiResource;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.rootoftrust.enrollment.Replicas;

/**
 * Lockbox extension: sibling replicas that asked for the master keys, TPM to TPM. Operators see
 * each request and approve or revoke it; nothing is sent to a replica until it is approved, and
 * revoking deletes what was made for it and not yet received. Service-wide: key-manager:service-admin only.
 */
@Tag(name = "Replicas")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/replicas")
@Produces(MediaType.APPLICATION_JSON)
public class ReplicasResource extends ApiResource {

    @Inject
    Replicas replicas;

    /** Every replica that asked for the master keys, oldest request first. */
    @Schema(name = "ReplicaList")
    public record ReplicaList(List<ReplicaView> replicas) {
    }

    @Operation(summary = "List the replicas that asked for the master keys", description = "Each one's state, EK certificate subject and SHA-256 fingerprint, and the master-key versions sent to it. Service admins only.")
    @APIResponse(responseCode = "200", description = "The replicas",
            content = @Content(schema = @Schema(implementation = ReplicaList.class)))
    @Audited("replicas.list")
    @Requires(value = REPLICA_READ, where = Where.EVERY_PROJECT)
    @GET
    public ReplicaList list() {
        String base = base();
        return new ReplicaList(replicas.list().stream().map(r -> ReplicaView.of(r, base)).toList());
    }

    @Operation(summary = "Show one replica's request for the master keys")
    @APIResponse(responseCode = "200", description = "The replica",
            content = @Content(schema = @Schema(implementation = ReplicaView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("replicas.get")
    @Requires(value = REPLICA_READ, where = Where.EVERY_PROJECT)
    @GET
    @Path("{id}")
    public ReplicaView get(@PathParam("id") @Parameter(description = "The replica's id, as it logged when it asked") String id) {
        return ReplicaView.of(replicas.get(id), base());
    }

    /** Approves a pending replica: replicas holding the master keys then send it every version. */
    @Operation(summary = "Approve a replica's request for the master keys", description = "Replicas holding the master keys then send it every version as TPM2 duplication blobs only its TPM can import. Compare the EK fingerprint with the one the replica logged first. A revoked replica is never approved again (409).")
    @APIResponse(responseCode = "200", description = "The replica, approved",
            content = @Content(schema = @Schema(implementation = ReplicaView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @Audited("replicas.approve")
    @Requires(value = REPLICA_MANAGE, where = Where.EVERY_PROJECT)
    @POST
    @Path("{id}/approval")
    public ReplicaView approve(@PathParam("id") @Parameter(description = "The replica's id, as it logged when it asked") String id) {
        return ReplicaView.of(replicas.approve(id, decidedBy()), base());
    }

    /** Revokes a replica, pending or approved: it is sent nothing more and its unreceived blobs are deleted. */
    @Operation(summary = "Revoke a replica", description = "It is sent nothing more, and every blob made for it and not yet received is deleted. Keys it already re-sealed stay on its TPM: take it out of service.")
    @APIResponse(responseCode = "200", description = "The replica, revoked",
            content = @Content(schema = @Schema(implementation = ReplicaView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Audited("replicas.revoke")
    @Requires(value = REPLICA_MANAGE, where = Where.EVERY_PROJECT)
    @POST
    @Path("{id}/revocation")
    public ReplicaView revoke(@PathParam("id") @Parameter(description = "The replica's id, as it logged when it asked") String id) {
        return ReplicaView.of(replicas.revoke(id, decidedBy()), base());
    }

    private String decidedBy() {
        Caller caller = caller();
        return caller.userName() == null || caller.userName().isBlank() ? caller.userId()
                : caller.userName() + " (" + caller.userId() + ")";
    }
}
