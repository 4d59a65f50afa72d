package org.lockbox.api.order;

import static org.lockbox.policy.Action.*;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
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
import org.lockbox.api.JsonFields;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.RecordBinder;
import org.lockbox.api.RefBodies;
import org.lockbox.audit.Audited;
import org.lockbox.identity.Caller;
import org.lockbox.order.KeyOrder;
import org.lockbox.order.OrderService;
import org.lockbox.order.OrderSpec;
import org.lockbox.policy.Requires;
import org.lockbox.secret.Algorithms;
import org.lockbox.secret.PayloadContentType;

/** Barbican's /v1/orders: server-side generation of keys and RSA key pairs. */
@Path("v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class OrdersResource extends ApiResource {

    /** An order type Barbican accepts and Lockbox refuses: it would need a certificate authority. */
    static final String CERTIFICATE = "certificate";

    @EJB
    OrderService orders;

    /** The shape of an order listing. */
    @Schema(name = "OrderList")
    public record OrderList(List<OrderView> orders, long total, @JsonbNillable(false) String next,
                            @JsonbNillable(false) String previous) {

        OrderList(List<OrderView> orders, Listing.Links links) {
            this(orders, links.total(), links.next(), links.previous());
        }
    }

    /** The shape of a new order. */
    @Schema(name = "NewOrder", description = "key: meta.algorithm aes (128, 192, 256; 256 or 512 with mode xts) or"
            + " hmacsha1/256/384/512 (128 to 1024 bits); asymmetric: meta.algorithm rsa (2048, 3072, 4096 bits);"
            + " certificate orders are refused (400)")
    @JsonRequest
    public record NewOrderRequest(@Schema(required = true, maxLength = 32,
                                          enumeration = {"key", "asymmetric", "certificate"}) String type,
                                  @Schema(required = true, implementation = OrderMeta.class) JsonObject meta) {
    }

    /** The meta of a new order; the order keeps it as given. */
    @JsonRequest
    @Schema(name = "OrderMeta")
    public record OrderMeta(@Schema(maxLength = TEXT) String name, @Schema(maxLength = TEXT) String algorithm,
                            Integer bitLength, @Schema(maxLength = TEXT) String mode,
                            @Schema(maxLength = TIMESTAMP) String expiration,
                            @Schema(maxLength = TEXT, enumeration = "application/octet-stream") String payloadContentType,
                            @Schema(maxLength = TEXT, description = "Refused: passphrase-protected private keys are"
                                    + " not supported") String passPhrase) {

        private static final int TEXT = 255;
        private static final int TIMESTAMP = 64;
    }

    @Audited("orders.place")
    @Requires(ORDER_CREATE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Order a key or key pair", description = "Lockbox fulfils the order at once: it is ACTIVE"
            + " by the time the 202 is sent. Counts towards the project's orders quota, and what it produces towards"
            + " the secrets and containers quotas.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewOrderRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted (and already fulfilled); the reference is in order_ref",
            content = @Content(schema = @Schema(implementation = RefBodies.OrderRef.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "QuotaReached")
    public Response place(NewOrderRequest body) {
        Caller caller = caller();
        KeyOrder order = orders.place(caller, spec(body));
        String ref = Hrefs.order(base(), order.id());
        return Response.accepted(new RefBodies.OrderRef(ref)).location(URI.create(ref)).build();
    }

    @Audited("orders.list")
    @Requires(ORDER_LIST)
    @GET
    @Operation(summary = "List the project's orders", description = "Oldest first; paged by offset and limit"
            + " (default 10, at most 100). Finished orders are deleted after the configured retention.")
    @APIResponse(responseCode = "200", description = "One page of the project's orders",
            content = @Content(schema = @Schema(implementation = OrderList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public OrderList list(@BeanParam Paging paging) {
        Caller caller = caller();
        var page = orders.list(caller, paging.offset(), paging.limit());
        String base = base();
        return new OrderList(page.items().stream().map(o -> OrderView.of(o, base)).toList(),
                links(page));
    }

    @Audited("orders.get")
    @Requires(ORDER_READ)
    @GET
    @Path("{id}")
    @Operation(summary = "Describe an order", description = "Its status and what it produced (secret_ref or"
            + " container_ref).")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OrderView get(@PathParam("id") @Parameter(description = "The order's id") String id) {
        Caller caller = caller();
        return OrderView.of(orders.get(caller, id), base());
    }

    @Audited("orders.delete")
    @Requires(ORDER_DELETE)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an order", description = "Deletes the order's record; what it produced is kept.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") @Parameter(description = "The order's id") String id) {
        Caller caller = caller();
        orders.delete(caller, id);
        return Response.noContent().build();
    }

    static OrderSpec spec(NewOrderRequest body) {
        String type = body.type();
        if (type == null) {
            throw ApiException.badRequest("'type' is required: key or asymmetric.");
        }
        type = type.toLowerCase(Locale.ROOT);
        if (body.meta() == null) {
            throw ApiException.badRequest("'meta' is required and must be a JSON object.");
        }
        OrderMeta meta = RecordBinder.bind(body.meta(), OrderMeta.class);
        String algorithm = meta.algorithm();
        Integer bits = meta.bitLength();
        String mode = meta.mode();
        String why = switch (type) {
            case OrderSpec.KEY -> Algorithms.whyNotGeneratable(algorithm, bits, mode);
            case OrderSpec.ASYMMETRIC -> Algorithms.whyNotGeneratablePair(algorithm, bits);
            case CERTIFICATE -> "Certificate orders are not supported: Lockbox has no certificate authority."
                    + " Store the certificate as a secret and group it in a certificate container.";
            default -> "Unsupported order type '" + type + "'; supported: key, asymmetric.";
        };
        if (why != null) {
            throw ApiException.badRequest(why);
        }
        String contentType = meta.payloadContentType();
        if (contentType != null && !PayloadContentType.OCTET_STREAM.equals(
                PayloadContentType.normalise(contentType).orElse(null))) {
            throw ApiException.badRequest("Generated keys are application/octet-stream.");
        }
        if (meta.passPhrase() != null) {
            throw ApiException.badRequest("Passphrase-protected private keys are not supported.");
        }
        return new OrderSpec(type, meta.name(), algorithm.toLowerCase(Locale.ROOT), bits, mode,
                JsonFields.timestamp("expiration", meta.expiration()), body.meta().toString());
    }
}
