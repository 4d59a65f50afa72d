package org.lockbox.api;

import static org.lockbox.policy.Action.*;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.policy.Authorizer;
import org.lockbox.secret.Payload;
import org.lockbox.secret.PayloadContentType;
import org.lockbox.secret.Secret;
import org.lockbox.secret.SecretService;

/** Barbican's /v1/secrets: store, list, describe, fetch, upload and delete secrets. */
@Path("v1/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretsResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Authorizer authorizer;

    @EJB
    SecretService secrets;

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonValue body) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, SECRET_CREATE);
        Secret secret = secrets.create(caller, SecretRequests.newSecret(body));
        String ref = Hrefs.secret(hrefs.base(uriInfo), secret.id());
        return Response.created(URI.create(ref)).entity(Map.of("secret_ref", ref)).build();
    }

    @GET
    public Map<String, Object> list() {
        Caller caller = currentCaller.get();
        authorizer.require(caller, SECRET_LIST);
        var page = secrets.list(caller, SecretRequests.query(uriInfo.getQueryParameters()));
        String base = hrefs.base(uriInfo);
        return Listing.body("secrets", page.items().stream().map(s -> SecretView.of(s, base)).toList(),
                page, uriInfo, base);
    }

    /** Metadata as JSON; older clients ask for the payload here with a non-JSON Accept header. */
    @GET
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (accept == null || accept.isBlank() || accept.contains("json") || accept.trim().equals("*/*")) {
            Caller caller = currentCaller.get();
            authorizer.require(caller, SECRET_READ_METADATA);
            return Response.ok(SecretView.of(secrets.get(caller, id), hrefs.base(uriInfo)),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }
        return payload(id, accept);
    }

    @GET
    @Path("{id}/payload")
    @Produces(MediaType.WILDCARD)
    public Response payload(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, SECRET_READ_PAYLOAD);
        Payload payload = secrets.payload(caller, id);
        if (!acceptable(accept, payload.contentType())) {
            Arrays.fill(payload.bytes(), (byte) 0);
            throw ApiException.notAcceptable("Wrong payload content-type: the secret's payload is "
                    + payload.contentType() + ".");
        }
        StreamingOutput body = out -> {
            try {
                out.write(payload.bytes());
            } finally {
                Arrays.fill(payload.bytes(), (byte) 0);
            }
        };
        return Response.ok(body, PayloadContentType.responseType(payload.contentType()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam("Content-Encoding") String contentEncoding, byte[] body) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, SECRET_UPDATE);
        String normalised = SecretRequests.contentType(contentType, 415);
        secrets.putPayload(caller, id, normalised, SecretRequests.uploadedPayload(body, normalised, contentEncoding));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, SECRET_DELETE);
        secrets.delete(caller, id);
        return Response.noContent().build();
    }

    /** Whether an Accept header admits the stored type; absent or wildcard admits anything. */
    static boolean acceptable(String accept, String stored) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("*/*") || type.equals(stored)
                    || (type.endsWith("/*") && stored.startsWith(type.substring(0, type.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
