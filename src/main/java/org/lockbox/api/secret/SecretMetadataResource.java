package org.lockbox.api.secret;

import static org.lockbox.policy.Action.SECRET_READ_METADATA;
import static org.lockbox.policy.Action.SECRET_UPDATE;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonRequest;
import org.lockbox.audit.Audited;
import org.lockbox.policy.Requires;
import org.lockbox.secret.SecretMetadataService;

/** Barbican's /v1/secrets/{id}/metadata: user-defined key/value pairs on a secret. */
@Path("v1/secrets/{id}/metadata")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Secret metadata")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class SecretMetadataResource extends ApiResource {

    private static final int MAX_TEXT = 255;

    @EJB
    SecretMetadataService metadata;

    /** A secret's whole metadata, as GET returns it and PUT binds it. */
    @JsonRequest
    @Schema(name = "SecretMetadata")
    public record AllMetadata(@Schema(type = SchemaType.OBJECT, description = "Key/value pairs; values are strings")
                              JsonObject metadata) {

        static AllMetadata of(Map<String, String> pairs) {
            JsonObjectBuilder builder = Json.createObjectBuilder();
            pairs.forEach(builder::add);
            return new AllMetadata(builder.build());
        }
    }

    /** The shape of PUT's answer. */
    @Schema(name = "SecretMetadataRef")
    public record MetadataRef(String metadataRef) {
    }

    @Audited("secret-metadata.all")
    @Requires(SECRET_READ_METADATA)
    @GET
    @Operation(summary = "Show a secret's metadata", description = "Every user-defined key/value pair.")
    @APIResponse(responseCode = "200", description = "The metadata",
            content = @Content(schema = @Schema(implementation = AllMetadata.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AllMetadata all(@PathParam("id") @Parameter(description = "The secret's id") String id) {
        return AllMetadata.of(metadata.all(caller(), id));
    }

    @Audited("secret-metadata.replaceAll")
    @Requires(SECRET_UPDATE)
    @PUT
    @Operation(summary = "Replace a secret's metadata", description = "Keys are stored in lower case; keys and values"
            + " are at most 255 characters.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AllMetadata.class)))
    @APIResponse(responseCode = "201", description = "Replaced",
            content = @Content(schema = @Schema(implementation = MetadataRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response replaceAll(@PathParam("id") @Parameter(description = "The secret's id") String id,
                               AllMetadata body) {
        JsonObject given = body.metadata();
        if (given == null) {
            throw ApiException.badRequest("'metadata' is required and must be a JSON object.");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : given.entrySet()) {
            if (!(entry.getValue() instanceof JsonString value)) {
                throw ApiException.badRequest("Metadata values must be strings.");
            }
            pairs.put(key(entry.getKey()), value(value.getString()));
        }
        metadata.replaceAll(caller(), id, pairs);
        String ref = Hrefs.secret(base(), id) + "/metadata";
        return Response.created(URI.create(ref)).entity(new MetadataRef(ref)).build();
    }

    @Audited("secret-metadata.add")
    @Requires(SECRET_UPDATE)
    @POST
    @Operation(summary = "Add one metadata pair to a secret", description = "409 if the key exists.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = KeyValue.class)))
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = KeyValue.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response add(@PathParam("id") @Parameter(description = "The secret's id") String id, KeyValue body) {
        KeyValue pair = body.checked();
        metadata.add(caller(), id, pair.key(), pair.value());
        String ref = base() + "/v1/secrets/" + id + "/metadata/" + pair.key();
        return Response.created(URI.create(ref)).entity(pair).build();
    }

    @Audited("secret-metadata.get")
    @Requires(SECRET_READ_METADATA)
    @GET
    @Path("{key}")
    @Operation(summary = "Show one metadata pair of a secret")
    @APIResponse(responseCode = "200", description = "The pair",
            content = @Content(schema = @Schema(implementation = KeyValue.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public KeyValue get(@PathParam("id") @Parameter(description = "The secret's id") String id,
                        @PathParam("key") @Parameter(description = "The metadata key") String key) {
        return new KeyValue(key, metadata.get(caller(), id, key(key)));
    }

    @Audited("secret-metadata.update")
    @Requires(SECRET_UPDATE)
    @PUT
    @Path("{key}")
    @Operation(summary = "Change one metadata value of a secret", description = "The key in the body must be the"
            + " key in the path.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = KeyValue.class)))
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = KeyValue.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public KeyValue update(@PathParam("id") @Parameter(description = "The secret's id") String id,
                           @PathParam("key") @Parameter(description = "The metadata key") String key, KeyValue body) {
        KeyValue pair = body.checked();
        if (!pair.key().equals(key(key))) {
            throw ApiException.badRequest("The key in the body must match the key in the path.");
        }
        metadata.update(caller(), id, pair.key(), pair.value());
        return pair;
    }

    @Audited("secret-metadata.remove")
    @Requires(SECRET_UPDATE)
    @DELETE
    @Path("{key}")
    @Operation(summary = "Remove one metadata pair of a secret")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response remove(@PathParam("id") @Parameter(description = "The secret's id") String id,
                           @PathParam("key") @Parameter(description = "The metadata key") String key) {
        metadata.remove(caller(), id, key(key));
        return Response.noContent().build();
    }


    /** Barbican stores metadata keys in lower case. */
    static String key(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_TEXT) {
            throw ApiException.badRequest("Metadata keys must be 1 to " + MAX_TEXT + " characters.");
        }
        return key.toLowerCase(Locale.ROOT);
    }

    static String value(String value) {
        if (value.length() > MAX_TEXT) {
            throw ApiException.badRequest("Metadata values must be at most " + MAX_TEXT + " characters.");
        }
        return value;
    }

    /** One metadata pair, as POST and PUT of a single key take and return it. */
    @JsonRequest
    @Schema(name = "SecretMetadatum")
    public record KeyValue(@Schema(maxLength = MAX_TEXT) String key, @Schema(maxLength = MAX_TEXT) String value) {

        /** The pair with both fields given, its key in lower case. */
        KeyValue checked() {
            if (key == null || value == null) {
                throw ApiException.badRequest("'key' and 'value' are required strings.");
            }
            return new KeyValue(SecretMetadataResource.key(key), value);
        }
    }
}
