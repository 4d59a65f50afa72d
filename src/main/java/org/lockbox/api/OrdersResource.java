package org.lockbox.api;

import static org.lockbox.policy.Action.*;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.order.KeyOrder;
import org.lockbox.order.OrderService;
import org.lockbox.order.OrderSpec;
import org.lockbox.policy.Authorizer;
import org.lockbox.secret.Algorithms;
import org.lockbox.secret.PayloadContentType;

/** Barbican's /v1/orders: server-side generation of keys and RSA key pairs. */
@Path("v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Authorizer authorizer;

    @EJB
    OrderService orders;

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(JsonValue body) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, ORDER_CREATE);
        KeyOrder order = orders.place(caller, spec(body));
        String ref = Hrefs.order(hrefs.base(uriInfo), order.id());
        return Response.accepted(Map.of("order_ref", ref)).location(URI.create(ref)).build();
    }

    @GET
    public Map<String, Object> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, ORDER_LIST);
        var page = orders.list(caller, Listing.offset(offset), Listing.limit(limit));
        String base = hrefs.base(uriInfo);
        return Listing.body("orders", page.items().stream().map(o -> OrderView.of(o, base)).toList(),
                page, uriInfo, base);
    }

    @GET
    @Path("{id}")
    public OrderView get(@PathParam("id") String id) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, ORDER_READ);
        return OrderView.of(orders.get(caller, id), hrefs.base(uriInfo));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, ORDER_DELETE);
        orders.delete(caller, id);
        return Response.noContent().build();
    }

    static OrderSpec spec(JsonValue json) {
        JsonObject body = JsonFields.requireObject(json);
        String type = JsonFields.string(body, "type", 32);
        if (type == null) {
            throw ApiException.badRequest("'type' is required: key or asymmetric.");
        }
        type = type.toLowerCase(Locale.ROOT);
        JsonObject meta = JsonFields.object(body, "meta");
        if (meta == null) {
            throw ApiException.badRequest("'meta' is required and must be a JSON object.");
        }
        String algorithm = JsonFields.string(meta, "algorithm", 255);
        Integer bits = JsonFields.integer(meta, "bit_length");
        String mode = JsonFields.string(meta, "mode", 255);
        String why = switch (type) {
            case OrderSpec.KEY -> Algorithms.whyNotGeneratable(algorithm, bits, mode);
            case OrderSpec.ASYMMETRIC -> Algorithms.whyNotGeneratablePair(algorithm, bits);
            default -> "Unsupported order type '" + type + "'; supported: key, asymmetric.";
        };
        if (why != null) {
            throw ApiException.badRequest(why);
        }
        String contentType = JsonFields.string(meta, "payload_content_type", 255);
        if (contentType != null && !PayloadContentType.OCTET_STREAM.equals(
                PayloadContentType.normalise(contentType).orElse(null))) {
            throw ApiException.badRequest("Generated keys are application/octet-stream.");
        }
        if (JsonFields.string(meta, "pass_phrase", 255) != null) {
            throw ApiException.badRequest("Passphrase-protected private keys are not supported.");
        }
        return new OrderSpec(type, JsonFields.string(meta, "name", 255), algorithm.toLowerCase(Locale.ROOT), bits,
                mode, JsonFields.timestamp(meta, "expiration"), meta.toString());
    }
}
