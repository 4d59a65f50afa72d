package org.lockbox.api.acl;

import java.util.function.BinaryOperator;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.lockbox.acl.AclService;
import org.lockbox.acl.AclTarget;
import org.lockbox.api.ApiResource;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;

/**
 * Barbican's read ACL of a secret or a container: read it, replace it, change part of it, or go back
 * to the default (project access, no users). A subclass binds the path and the kind of resource, and
 * declares the actions the policy table is asked about and the resource's audit name; the methods,
 * with their JAX-RS and OpenAPI annotations, are inherited.
 */
public abstract class AclResource extends ApiResource {

    private final AclTarget target;

    /** The href of the resource with an id, from the base URL and the id. */
    private final BinaryOperator<String> href;

    @EJB
    AclService acls;

    /** The id of the secret or container (described in META-INF/openapi.yaml). */
    @PathParam("id")
    String id;

    protected AclResource(AclTarget target, BinaryOperator<String> href) {
        this.target = target;
        this.href = href;
    }

    @Audited("get")
    @GET
    @Operation(summary = "Show the read ACL", description = "The explicit ACL with its users, or the default"
            + " {\"read\":{\"project-access\":true}}. Every role of the project but audit may read it.")
    @APIResponse(responseCode = "200", description = "The ACL",
            content = @Content(schema = @Schema(implementation = AclRequests.AclView.class)))
    public AclRequests.AclView get() {
        return AclRequests.AclView.of(acls.get(caller(), target, id));
    }

    @Audited("replace")
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the read ACL", description = "Users listed may read from any project; project-access"
            + " false (default true) makes it private to its creator, the project's admins and the listed users."
            + " Only the creator and the project's admins may change an ACL.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AclRequests.AclChange.class)))
    @APIResponse(responseCode = "200", description = "Replaced (a resource always has at least the default ACL)",
            content = @Content(schema = @Schema(implementation = AclRequests.AclRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public AclRequests.AclRef replace(AclRequests.AclChange body) {
        return change(body, acls::replace);
    }

    @Audited("patch")
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change part of the read ACL", description = "Only the fields given change: the users list"
            + " (replaced as a whole) or project-access.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AclRequests.AclChange.class)))
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = AclRequests.AclRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public AclRequests.AclRef patch(AclRequests.AclChange body) {
        return change(body, acls::patch);
    }

    @Audited("remove")
    @DELETE
    @Operation(summary = "Go back to the default ACL", description = "Removing an absent ACL is not an error.")
    @APIResponse(responseCode = "200", description = "The default ACL applies; the body is the JSON literal null,"
            + " as Barbican answers", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response remove() {
        Caller caller = caller();
        retry.run(() -> acls.remove(caller, target, id));
        return AclRequests.removed();
    }

    private AclRequests.AclRef change(AclRequests.AclChange body, Change how) {
        Caller caller = caller();
        AclService.Change change = body.change();
        retry.run(() -> how.apply(caller, target, id, change));
        return new AclRequests.AclRef(href.apply(base(), id) + "/acl");
    }

    /** A replacement or a patch, as {@link AclService} makes them. */
    private interface Change {
        void apply(Caller caller, AclTarget target, String id, AclService.Change change);
    }
}
