package org.lockbox.api;

import static org.lockbox.policy.Action.SECRET_READ_METADATA;
import static org.lockbox.policy.Action.SECRET_UPDATE;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.policy.Action;
import org.lockbox.policy.Authorizer;
import org.lockbox.secret.SecretMetadataService;

/** Barbican's /v1/secrets/{id}/metadata: user-defined key/value pairs on a secret. */
@Path("v1/secrets/{id}/metadata")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecretMetadataResource {

    private static final int MAX_TEXT = 255;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Authorizer authorizer;

    @EJB
    SecretMetadataService metadata;

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

    @GET
    public Map<String, Object> all(@PathParam("id") String id) {
        return Map.of("metadata", metadata.all(caller(SECRET_READ_METADATA), id));
    }

    @PUT
    public Response replaceAll(@PathParam("id") String id, JsonValue body) {
        JsonObject given = JsonFields.object(JsonFields.requireObject(body), "metadata");
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
        metadata.replaceAll(caller(SECRET_UPDATE), id, pairs);
        String ref = Hrefs.secret(hrefs.base(uriInfo), id) + "/metadata";
        return Response.created(URI.create(ref)).entity(Map.of("metadata_ref", ref)).build();
    }

    @POST
    public Response add(@PathParam("id") String id, JsonValue body) {
        KeyValue pair = KeyValue.from(body);
        metadata.add(caller(SECRET_UPDATE), id, pair.key(), pair.value());
        String ref = hrefs.base(uriInfo) + "/v1/secrets/" + id + "/metadata/" + pair.key();
        return Response.created(URI.create(ref)).entity(pair).build();
    }

    @GET
    @Path("{key}")
    public KeyValue get(@PathParam("id") String id, @PathParam("key") String key) {
        return new KeyValue(key, metadata.get(caller(SECRET_READ_METADATA), id, key(key)));
    }

    @PUT
    @Path("{key}")
    public KeyValue update(@PathParam("id") String id, @PathParam("key") String key, JsonValue body) {
        KeyValue pair = KeyValue.from(body);
        if (!pair.key().equals(key(key))) {
            throw ApiException.badRequest("The key in the body must match the key in the path.");
        }
        metadata.update(caller(SECRET_UPDATE), id, pair.key(), pair.value());
        return pair;
    }

    @DELETE
    @Path("{key}")
    public Response remove(@PathParam("id") String id, @PathParam("key") String key) {
        metadata.remove(caller(SECRET_UPDATE), id, key(key));
        return Response.noContent().build();
    }

    private Caller caller(Action action) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, action);
        return caller;
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
    public record KeyValue(String key, String value) {
        static KeyValue from(JsonValue json) {
            JsonObject body = JsonFields.requireObject(json);
            String key = JsonFields.string(body, "key", MAX_TEXT);
            String value = JsonFields.string(body, "value", MAX_TEXT);
            if (key == null || value == null) {
                throw ApiException.badRequest("'key' and 'value' are required strings.");
            }
            return new KeyValue(SecretMetadataResource.key(key), value);
        }
    }
}
