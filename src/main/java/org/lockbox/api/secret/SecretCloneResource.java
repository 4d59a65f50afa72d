package org.lockbox.api.secret;

import static org.lockbox.policy.Action.SECRET_CLONE;

import java.net.URI;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiResource;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonFields;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.RecordBinder;
import org.lockbox.audit.Audited;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.secret.Secret;
import org.lockbox.secret.SecretService;

/** Lockbox's /v1/lockbox/secrets/{id}/clone: a new key id with the same material, for snapshots and images. */
@Path("v1/lockbox/secrets/{id}/clone")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Key groups")
public class SecretCloneResource extends ApiResource {

    private static final int MAX_NAME = 255;

    @EJB
    SecretService secrets;

    /** A clone request; the body may be empty, of any media type. */
    @JsonRequest
    @Schema(name = "CloneRequest")
    public record CloneRequest(@Schema(maxLength = MAX_NAME, description = "The clone's name; the source's by default")
                               String name) {

        static CloneRequest of(String body) {
            return body == null || body.isBlank() ? new CloneRequest(null)
                    : RecordBinder.bind(JsonFields.parse(body), CloneRequest.class);
        }
    }

    /** The shape of a clone's references. */
    @Schema(name = "CloneRefs")
    public record CloneRefs(String secretRef, String groupRef) {
    }

    @Audited("secret-clone.cloneSecret")
    @Requires(value = SECRET_CLONE, where = Where.EACH_KEY)
    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Clone a secret", description = "Makes a new secret with the same material, type and"
            + " expiration in the source's project, service and key group (made on the first clone). Needs the right"
            + " to create secrets and to read the source's payload; the material never leaves the server. The source"
            + " cannot then be deleted without force=true while its clones exist.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloneRequest.class)))
    @APIResponse(responseCode = "201", description = "Cloned",
            content = @Content(schema = @Schema(implementation = CloneRefs.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response cloneSecret(@PathParam("id") @Parameter(description = "The source secret's id") String id,
                                String body) {
        Secret clone = secrets.clone(caller(), id, CloneRequest.of(body).name());
        String base = base();
        CloneRefs refs = new CloneRefs(Hrefs.secret(base, clone.id()), Hrefs.group(base, clone.groupId()));
        return Response.created(URI.create(refs.secretRef())).entity(refs).build();
    }
}
