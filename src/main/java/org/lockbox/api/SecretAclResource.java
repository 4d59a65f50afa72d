package org.lockbox.api;

import static org.lockbox.policy.Action.SECRET_ACL_READ;
import static org.lockbox.policy.Action.SECRET_ACL_UPDATE;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.acl.AclService;
import org.lockbox.acl.AclTarget;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.persistence.TransactionRetry;
import org.lockbox.policy.Requires;
import org.lockbox.policy.Requires.Where;

/**
 * Barbican's /v1/secrets/{id}/acl: read a secret's ACL, replace it, change part of it, or go back to the
 * default (project access, no users).
 */
@Path("v1/secrets/{id}/acl")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ACLs")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class SecretAclResource {

    @Inject
    CurrentCaller currentCaller;

    @EJB
    AclService acls;

    @Inject
    TransactionRetry retry;

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

    @Audited("secret-acl.get")
    @Requires(value = SECRET_ACL_READ, where = Where.EACH_KEY)
    @GET
    @Operation(summary = "Show the read ACL", description = "The explicit ACL with its users, or the default"
            + " {\"read\":{\"project-access\":true}}. Every role of the project but audit may read it.")
    @APIResponse(responseCode = "200", description = "The ACL",
            content = @Content(schema = @Schema(implementation = AclRequests.AclView.class)))
    public AclRequests.AclView get(@PathParam("id") @Parameter(description = "The secret's id") String id) {
        return AclRequests.AclView.of(acls.get(currentCaller.get(), AclTarget.SECRET, id));
    }

    @Audited("secret-acl.replace")
    @Requires(value = SECRET_ACL_UPDATE, where = Where.EACH_KEY)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the read ACL", description = "Users listed may read from any project; project-access"
            + " false (default true) makes it private to its creator, the project's admins and the listed users."
            + " Only the creator and the project's admins may change an ACL.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AclRequests.AclChange.class)))
    @APIResponse(responseCode = "200", description = "Replaced (a resource always has at least the default ACL)",
            content = @Content(schema = @Schema(implementation = AclRequests.AclRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public AclRequests.AclRef replace(@PathParam("id") @Parameter(description = "The secret's id") String id, AclRequests.AclChange body) {
        Caller caller = currentCaller.get();
        AclService.Change change = body.change();
        retry.run(() -> acls.replace(caller, AclTarget.SECRET, id, change));
        return aclRef(id);
    }

    @Audited("secret-acl.patch")
    @Requires(value = SECRET_ACL_UPDATE, where = Where.EACH_KEY)
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change part of the read ACL", description = "Only the fields given change: the users list"
            + " (replaced as a whole) or project-access.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AclRequests.AclChange.class)))
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = AclRequests.AclRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public AclRequests.AclRef patch(@PathParam("id") @Parameter(description = "The secret's id") String id, AclRequests.AclChange body) {
        Caller caller = currentCaller.get();
        AclService.Change change = body.change();
        retry.run(() -> acls.patch(caller, AclTarget.SECRET, id, change));
        return aclRef(id);
    }

    @Audited("secret-acl.remove")
    @Requires(value = SECRET_ACL_UPDATE, where = Where.EACH_KEY)
    @DELETE
    @Operation(summary = "Go back to the default ACL", description = "Removing an absent ACL is not an error.")
    @APIResponse(responseCode = "200", description = "The default ACL applies; the body is the JSON literal null,"
            + " as Barbican answers", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response remove(@PathParam("id") @Parameter(description = "The secret's id") String id) {
        Caller caller = currentCaller.get();
        retry.run(() -> acls.remove(caller, AclTarget.SECRET, id));
        return AclRequests.removed();
    }

    private AclRequests.AclRef aclRef(String id) {
        return new AclRequests.AclRef(Hrefs.secret(hrefs.base(uriInfo), id) + "/acl");
    }
}
