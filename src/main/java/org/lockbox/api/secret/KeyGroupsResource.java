package org.lockbox.api.secret;

import static org.lockbox.policy.Action.GROUP_LIST;
import static org.lockbox.policy.Action.GROUP_MANAGE;
import static org.lockbox.policy.Action.GROUP_READ;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonList;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.RefBodies;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires;
import org.lockbox.secret.KeyGroup;
import org.lockbox.secret.KeyGroupService;

/** Lockbox's /v1/lockbox/groups: key groups of the caller's project, and their members. */
@Path("v1/lockbox/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Key groups")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class KeyGroupsResource extends ApiResource {

    private static final int MAX_NAME = 255;
    private static final int MAX_MEMBERS = 100;
    private static final String TOO_MANY = "'secret_refs' must be a list of at most " + MAX_MEMBERS
            + " secret references.";

    @EJB
    KeyGroupService groups;

    /** The shape of a new group request. */
    @JsonRequest
    @Schema(name = "NewKeyGroup")
    public record NewGroup(@Schema(maxLength = MAX_NAME) String name,
                           @JsonList(notAList = TOO_MANY, badEntry = "Each entry of 'secret_refs' must be a"
                                   + " secret reference.")
                           @Schema(description = "Secrets of the project to put in it") List<String> secretRefs) {
    }

    /** The shape of a group reference. */
    @Schema(name = "KeyGroupRef")
    public record GroupRef(String groupRef) {
    }

    /** The shape of a group listing. */
    @Schema(name = "KeyGroupList")
    public record GroupList(List<KeyGroupView> groups, long total, @JsonbNillable(false) String next,
                            @JsonbNillable(false) String previous) {

        GroupList(List<KeyGroupView> groups, Listing.Links links) {
            this(groups, links.total(), links.next(), links.previous());
        }
    }

    @Audited("key-groups.create")
    @Requires(GROUP_MANAGE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a key group", description = "A key belongs to at most one group. Clones join their"
            + " source's group by themselves.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewGroup.class)))
    @APIResponse(responseCode = "201", description = "Made",
            content = @Content(schema = @Schema(implementation = GroupRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(NewGroup body) {
        Caller caller = caller();
        String base = base();
        KeyGroup group = groups.create(caller, body.name(), secretIds(body.secretRefs(), base));
        return created(base, group.id());
    }

    @Audited("key-groups.list")
    @Requires(GROUP_LIST)
    @GET
    @Operation(summary = "List the project's key groups", description = "Oldest first, with each group's size; paged"
            + " by offset and limit.")
    @APIResponse(responseCode = "200", description = "A page of groups",
            content = @Content(schema = @Schema(implementation = GroupList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public GroupList list(@BeanParam Paging paging) {
        var page = groups.list(caller(), paging.offset(), paging.limit());
        String base = base();
        return new GroupList(page.items().stream().map(g -> KeyGroupView.of(g, base)).toList(),
                links(page));
    }

    @Audited("key-groups.get")
    @Requires(GROUP_READ)
    @GET
    @Path("{id}")
    @Operation(summary = "Show a key group and its keys", description = "Metadata only, oldest first.")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(schema = @Schema(implementation = KeyGroupView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public KeyGroupView get(@PathParam("id") @Parameter(description = "The group's id") String id) {
        return KeyGroupView.of(groups.get(caller(), id), base());
    }

    @Audited("key-groups.add")
    @Requires(GROUP_MANAGE)
    @POST
    @Path("{id}/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a key in a group", description = "Body {\"secret_ref\": ...}; 409 if it is in another"
            + " group.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RefBodies.SecretRef.class)))
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = GroupRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response add(@PathParam("id") @Parameter(description = "The group's id") String id,
                        RefBodies.SecretRef body) {
        Caller caller = caller();
        String base = base();
        groups.addSecret(caller, id, secretId(body.secretRef(), base));
        return created(base, id);
    }

    @Audited("key-groups.remove")
    @Requires(GROUP_MANAGE)
    @DELETE
    @Path("{id}/secrets/{secretId}")
    @Operation(summary = "Take a key out of a group", description = "The key itself stays.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response remove(@PathParam("id") @Parameter(description = "The group's id") String id,
                           @PathParam("secretId") @Parameter(description = "The secret's id") String secretId) {
        groups.removeSecret(caller(), id, secretId);
        return Response.noContent().build();
    }

    @Audited("key-groups.delete")
    @Requires(GROUP_MANAGE)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an empty key group", description = "409 while it holds keys.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response delete(@PathParam("id") @Parameter(description = "The group's id") String id) {
        groups.delete(caller(), id);
        return Response.noContent().build();
    }


    private Response created(String base, String id) {
        String ref = Hrefs.group(base, id);
        return Response.created(URI.create(ref)).entity(new GroupRef(ref)).build();
    }

    private static List<String> secretIds(List<String> refs, String base) {
        if (refs == null) {
            return List.of();
        }
        if (refs.size() > MAX_MEMBERS) {
            throw ApiException.badRequest(TOO_MANY);
        }
        List<String> ids = new ArrayList<>();
        for (String ref : refs) {
            String id = secretId(ref, base);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static String secretId(String ref, String base) {
        String id = Hrefs.secretId(base, ref);
        if (id == null) {
            throw ApiException.badRequest("'" + (ref == null ? "secret_ref" : ref) + "' is not a reference to a secret"
                    + " of this server (" + base + "/v1/secrets/{id}).");
        }
        return id;
    }
}
