package org.lockbox.api.secret;

import static org.lockbox.policy.Action.*;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.api.ApiVersion;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.RefBodies;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;
import org.lockbox.secret.AccessTerms;
import org.lockbox.secret.NewSecret;
import org.lockbox.secret.Payload;
import org.lockbox.secret.PayloadContentType;
import org.lockbox.secret.Secret;
import org.lockbox.secret.SecretListing;
import org.lockbox.secret.SecretReads;
import org.lockbox.secret.SecretService;

/** Barbican's /v1/secrets: store, list, describe, fetch, upload and delete secrets. */
@Path("v1/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Secrets")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class SecretsResource extends ApiResource {

    @EJB
    SecretService secrets;

    @Inject
    SecretReads reads;

    @EJB
    SecretListing listing;

    /** The shape of a secret listing. */
    @Schema(name = "SecretList")
    public record SecretList(List<SecretView> secrets, @JsonbNillable(false) Long total, @JsonbNillable(false) String next,
                             @JsonbNillable(false) String previous) {

        SecretList(List<SecretView> secrets, Listing.Links links) {
            this(secrets, links.total(), links.next(), links.previous());
        }
    }

    /** A new secret request, as POST binds it. */
    @JsonRequest
    @Schema(name = "NewSecret", description = "payload_content_type is required with a payload; binary payloads are"
            + " base64 with payload_content_encoding base64")
    public record NewSecretRequest(@Schema(maxLength = TEXT) String name,
                                   @Schema(maxLength = TEXT, enumeration = {"symmetric", "public", "private",
                                           "passphrase", "certificate", "opaque"}) String secretType,
                                   @Schema(maxLength = TEXT) String algorithm, Integer bitLength,
                                   @Schema(maxLength = TEXT) String mode,
                                   @Schema(maxLength = TIMESTAMP) String expiration,
                                   String payload, @Schema(maxLength = TEXT) String payloadContentType,
                                   @Schema(maxLength = TEXT, enumeration = "base64") String payloadContentEncoding,
                                   @Schema(maxLength = TEXT, description = "Lockbox extension: whom the key is for"
                                           + " (default project)", enumeration = {"entity", "user", "project", "domain"})
                                   String scope,
                                   @Schema(maxLength = TEXT, description = "Lockbox extension: the entity (e.g. a"
                                           + " volume id) an entity-scoped key protects") String entityId,
                                   @Schema(description = "Lockbox extension: release the material only to a request"
                                           + " with both the tenant's token and the service's X-Service-Token")
                                   Boolean dualLock,
                                   @Schema(maxLength = PROJECT_ID, description = "Lockbox extension: the project to"
                                           + " create the key for, under its write-only grant to the caller's service")
                                   String projectId) {

        private static final int TEXT = 255;
        private static final int TIMESTAMP = 64;
        private static final int PROJECT_ID = 64;
    }

    @Audited("secrets.create")
    @Requires(value = SECRET_CREATE, where = Where.BODY)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a secret", description = "Stores a secret, with or without its payload (upload it later"
            + " with PUT). Counts towards the project's secrets quota.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewSecretRequest.class)))
    @APIResponse(responseCode = "201", description = "Stored; the reference is in secret_ref and Location",
            content = @Content(schema = @Schema(implementation = RefBodies.SecretRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "QuotaReached")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    public Response create(NewSecretRequest body) {
        Caller caller = caller();
        AccessTerms terms = SecretRequests.accessTerms(body);
        if (terms.forProject() == null || terms.forProject().equals(caller.projectId())) {
            authorizer.require(caller, SECRET_CREATE);
        } // else that project's write-only grant to the caller's service decides
        NewSecret request = SecretRequests.newSecret(body);
        Secret secret = retry.call(() -> secrets.create(caller, request, terms));
        String ref = Hrefs.secret(base(), secret.id());
        return Response.created(URI.create(ref)).entity(new RefBodies.SecretRef(ref)).build();
    }

    @Audited("secrets.list")
    @Requires(SECRET_LIST)
    @GET
    @Operation(summary = "List the project's secrets", description = "Filters: name, alg, mode, bits, secret_type,"
            + " created/updated/expiration (with gt:, gte:, lt:, lte:); sort=key:dir,...; paged by offset and limit"
            + " (default 10, at most 100), or by marker: the id of the previous page's last secret, which costs the"
            + " same at any depth and has no total.")
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "Only secrets of this name")
    @Parameter(name = "acl_only", in = ParameterIn.QUERY, description = "true lists the secrets, of any project,"
            + " whose read ACL names the caller", schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "alg", in = ParameterIn.QUERY, description = "Only secrets of this algorithm")
    @Parameter(name = "mode", in = ParameterIn.QUERY, description = "Only secrets of this mode")
    @Parameter(name = "bits", in = ParameterIn.QUERY, description = "Only secrets of this bit length",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "secret_type", in = ParameterIn.QUERY, description = "Only secrets of this type")
    @Parameter(name = "created", in = ParameterIn.QUERY, description = "ISO 8601 time, optionally prefixed gt:, gte:, lt: or lte:")
    @Parameter(name = "updated", in = ParameterIn.QUERY, description = "ISO 8601 time, optionally prefixed gt:, gte:, lt: or lte:")
    @Parameter(name = "expiration", in = ParameterIn.QUERY, description = "ISO 8601 time, optionally prefixed gt:, gte:, lt: or lte:")
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "Sort keys, e.g. created:desc,name")
    @Parameter(name = "offset", in = ParameterIn.QUERY, description = "Index of the first secret to return",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "marker", in = ParameterIn.QUERY, description = "Lockbox extension: list the secrets after"
            + " this one (the previous page's last), in place of offset; the page has no total, and its next link"
            + " carries the next marker. Sorts only by created, updated, status and secret_type.")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "How many to return (default 10, at most 100)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "entity_id", in = ParameterIn.QUERY, description = "Lockbox extension: only keys scoped to"
            + " this entity")
    @APIResponse(responseCode = "200", description = "One page of the project's secrets",
            content = @Content(schema = @Schema(implementation = SecretList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public SecretList list(@HeaderParam(ApiVersion.HEADER) @Parameter(description = "key-manager 1.1 adds"
            + " consumers to each secret") String version) {
        Caller caller = caller();
        var page = listing.list(caller, SecretRequests.query(uriInfo.getQueryParameters()),
                uriInfo.getQueryParameters().getFirst("entity_id"));
        String base = base();
        ApiVersion served = ApiVersion.requested(version);
        return new SecretList(page.items().stream().map(s -> SecretView.of(s, base, served).listed()).toList(),
                links(page));
    }

    /** Metadata as JSON; older clients ask for the payload here with a non-JSON Accept header. */
    @Audited("secrets.get")
    @Requires(value = SECRET_READ_METADATA, where = Where.EACH_KEY)
    @GET
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Describe a secret", description = "Metadata as JSON. With a non-JSON Accept header the"
            + " payload is returned instead, as older Barbican clients expect.")
    @APIResponse(responseCode = "200", description = "The secret's metadata (or, for a non-JSON Accept, its payload)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecretView.class)),
                    @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING,
                            format = "binary"))})
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") @Parameter(description = "The secret's id") String id,
                        @HeaderParam(HttpHeaders.ACCEPT) @Parameter(description = "application/json for metadata")
                        String accept,
                        @HeaderParam(ApiVersion.HEADER) @Parameter(description = "key-manager 1.1 adds consumers")
                        String version) {
        if (accept == null || accept.isBlank() || accept.contains("json") || accept.trim().equals("*/*")) {
            ApiVersion served = ApiVersion.requested(version);
            // 1.1 lists the consumers, which only the database has
            Secret secret = served.atLeast(ApiVersion.V1_1) ? secrets.accessible(caller(), id, SECRET_READ_METADATA)
                    : reads.readable(caller(), id, SECRET_READ_METADATA);
            return Response.ok(SecretView.of(secret, base(), served),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }
        return payload(id, accept);
    }

    @Audited("secrets.payload")
    @Requires(value = SECRET_READ_PAYLOAD, where = Where.EACH_KEY)
    @GET
    @Path("{id}/payload")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Fetch a secret's payload", description = "The material in clear (Cache-Control: no-store):"
            + " as stored for an absent or wildcard Accept, as any binary type asked for, or as text/plain when it is"
            + " UTF-8 text, as Barbican serves it; 406 otherwise.")
    @APIResponse(responseCode = "200", description = "The payload",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response payload(@PathParam("id") @Parameter(description = "The secret's id") String id,
                            @HeaderParam(HttpHeaders.ACCEPT) @Parameter(description = "A binary type, text/plain (UTF-8 material only), or absent for the stored type")
                            String accept) {
        Payload payload = reads.payload(caller(), id);
        Optional<String> served = servedType(accept, payload.contentType(), payload.bytes());
        if (served.isEmpty()) {
            Arrays.fill(payload.bytes(), (byte) 0);
            throw ApiException.notAcceptable("The payload cannot be served as '" + accept + "': it is stored as "
                    + payload.contentType() + "; ask for a binary type, or text/plain for UTF-8 text.");
        }
        StreamingOutput body = out -> {
            try {
                out.write(payload.bytes());
            } finally {
                Arrays.fill(payload.bytes(), (byte) 0);
            }
        };
        return Response.ok(body, PayloadContentType.responseType(served.get()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @Audited("secrets.upload")
    @Requires(SECRET_UPDATE)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a secret's payload", description = "Only for a secret stored without one. The raw"
            + " body is the payload; with Content-Encoding: base64 it is decoded first.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "204", description = "Uploaded")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    public Response upload(@PathParam("id") @Parameter(description = "The secret's id") String id,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(description = "The payload's type")
                           String contentType,
                           @HeaderParam("Content-Encoding") @Parameter(description = "base64 or absent")
                           String contentEncoding,
                           byte[] body) {
        Caller caller = caller();
        retry.run(() -> secrets.putPayload(caller, id, () -> {
            String normalised = SecretRequests.contentType(contentType, 415);
            return new Payload(normalised, SecretRequests.uploadedPayload(body, normalised, contentEncoding));
        }));
        return Response.noContent().build();
    }

    @Audited("secrets.delete")
    @Requires(SECRET_DELETE)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a secret", description = "The secret is gone for clients at once (404, out of"
            + " listings and containers) and pending deletion: admins may restore it during the grace period"
            + " (/v1/lockbox/deletions), after which it is destroyed. A secret with consumers is kept (409) unless"
            + " force=true.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response delete(@PathParam("id") @Parameter(description = "The secret's id") String id,
                           @QueryParam("force") @Parameter(description = "true deletes a secret that has consumers",
                                   schema = @Schema(type = SchemaType.BOOLEAN)) String force) {
        Caller caller = caller();
        boolean forced = flag("force", force);
        retry.run(() -> secrets.delete(caller, id, forced));
        return Response.noContent().build();
    }

    /**
     * The type a payload is served as, as Barbican decides it: any binary type Barbican knows serves the
     * bytes as they are and text/plain serves them when they are UTF-8 text, whatever type they were stored
     * with (so `barbican secret get --payload`, which asks for text/plain, reads what the CLI stored as
     * octet-stream). An absent header or a wildcard gives the stored type. Empty when no range fits.
     */
    static Optional<String> servedType(String accept, String stored, byte[] material) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(stored);
        }
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("*/*")
                    || (type.endsWith("/*") && type.length() > 2 && stored.startsWith(type.substring(0, type.length() - 1)))) {
                return Optional.of(stored);
            }
            Optional<String> asked = PayloadContentType.normalise(type);
            if (asked.isPresent() && (PayloadContentType.isBinary(asked.get()) || isUtf8(material))) {
                return asked;
            }
        }
        return Optional.empty();
    }

    private static boolean isUtf8(byte[] material) {
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(material));
            Arrays.fill(decoded.array(), '\0');
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A true/false query parameter; absent is false. */
    public static boolean flag(String name, String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badRequest("'" + name + "' must be true or false.");
    }
}
