package org.lockbox.api.secret;

import static org.lockbox.policy.Action.SECRET_CONSUMER_CREATE;
import static org.lockbox.policy.Action.SECRET_CONSUMER_DELETE;
import static org.lockbox.policy.Action.SECRET_CONSUMER_LIST;

import java.net.URI;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.lockbox.api.ApiVersion;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires;
import org.lockbox.secret.SecretConsumerService;

/**
 * Barbican's /v1/secrets/{id}/consumers (API 1.1): services register the resources that use a
 * secret, so that it is not deleted from under them.
 */
@Path("v1/secrets/{id}/consumers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Secret consumers")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class SecretConsumersResource extends ApiResource {

    private static final int MAX_TEXT = 255;
    private static final String VERSION_HELP = "Must be key-manager 1.1 (or latest): consumers are API 1.1";

    @PathParam("id")
    @Parameter(description = "The secret's id")
    String id;

    @HeaderParam(ApiVersion.HEADER)
    @Parameter(description = VERSION_HELP, required = true)
    String version;

    @EJB
    SecretConsumerService consumers;

    /** The shape of a consumer listing. */
    @Schema(name = "SecretConsumerList")
    public record ConsumerList(List<SecretConsumerView> consumers, long total, @JsonbNillable(false) String next,
                               @JsonbNillable(false) String previous) {

        ConsumerList(List<SecretConsumerView> consumers, Listing.Links links) {
            this(consumers, links.total(), links.next(), links.previous());
        }
    }

    /** A consumer of a secret, as POST and DELETE take it. */
    @JsonRequest
    @Schema(name = "SecretConsumerRequest")
    public record Consumer(@Schema(required = true, maxLength = 255) String service,
                           @Schema(required = true, maxLength = 255) String resourceType,
                           @Schema(required = true, maxLength = 255) String resourceId) {

        /** The same consumer, once each field is known to be given. */
        Consumer complete() {
            if (blank(service) || blank(resourceType) || blank(resourceId)) {
                throw ApiException.badRequest("'service', 'resource_type' and 'resource_id' are required strings"
                        + " of 1 to " + MAX_TEXT + " characters.");
            }
            return this;
        }

        private static boolean blank(String value) {
            return value == null || value.isEmpty();
        }
    }

    @Audited("secret-consumers.list")
    @Requires(SECRET_CONSUMER_LIST)
    @GET
    @Operation(summary = "List a secret's consumers", description = "Paged by offset and limit (default 10, at most 100).")
    @APIResponse(responseCode = "200", description = "One page of the secret's consumers",
            content = @Content(schema = @Schema(implementation = ConsumerList.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public ConsumerList list(@BeanParam Paging paging) {
        Caller caller = consumersCaller();
        var page = consumers.list(caller, id, paging.offset(), paging.limit());
        return new ConsumerList(page.items().stream().map(SecretConsumerView::of).toList(),
                links(page));
    }

    @Audited("secret-consumers.add")
    @Requires(SECRET_CONSUMER_CREATE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a consumer of a secret", description = "Registering the same consumer again is"
            + " harmless. Counts towards the project's consumers quota. Answers with the secret.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Consumer.class)))
    @APIResponse(responseCode = "200", description = "Registered; the secret with its consumers",
            content = @Content(schema = @Schema(implementation = SecretView.class)))
    @APIResponse(responseCode = "403", ref = "QuotaReached")
    public Response add(Consumer body) {
        Caller caller = consumersCaller();
        Consumer consumer = body.complete();
        String base = base();
        var secret = consumers.add(caller, id, consumer.service(), consumer.resourceType(), consumer.resourceId());
        return Response.ok(SecretView.of(secret, base, ApiVersion.V1_1))
                .location(URI.create(Hrefs.secretConsumers(base, id))).build();
    }

    @Audited("secret-consumers.remove")
    @Requires(SECRET_CONSUMER_DELETE)
    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove a consumer of a secret", description = "The body names the consumer. Answers with"
            + " the secret.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Consumer.class)))
    @APIResponse(responseCode = "200", description = "Removed; the secret with its remaining consumers",
            content = @Content(schema = @Schema(implementation = SecretView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public SecretView remove(Consumer body) {
        Caller caller = consumersCaller();
        Consumer consumer = body.complete();
        return SecretView.of(consumers.remove(caller, id, consumer.service(), consumer.resourceType(),
                consumer.resourceId()), base(), ApiVersion.V1_1);
    }

    /** The authorized caller; consumers do not exist before API 1.1, so older requests find nothing here. */
    private Caller consumersCaller() {
        Caller caller = caller();
        if (!ApiVersion.requested(version).atLeast(ApiVersion.V1_1)) {
            throw ApiException.notFound("Secret consumers are part of API version 1.1: send OpenStack-API-Version:"
                    + " key-manager 1.1.");
        }
        return caller;
    }
}
