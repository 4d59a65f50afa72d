package org.lockbox.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Version discovery, as keystoneauth expects from a key manager: served without a token. */
@Path("/")
@Unauthenticated
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

    @GET
    public Response versions() {
        return Response.status(Response.Status.MULTIPLE_CHOICES)
                .entity(Map.of("versions", Map.of("values", List.of(v1())))).build();
    }

    @GET
    @Path("v1")
    public Map<String, Object> version() {
        return Map.of("version", v1());
    }

    private Map<String, Object> v1() {
        return Map.of(
                "id", "v1",
                "status", "CURRENT",
                "min_version", "1.0",
                "max_version", "1.0",
                "links", List.of(
                        Map.of("rel", "self", "href", hrefs.base(uriInfo) + "/v1/"),
                        Map.of("rel", "describedby", "type", "text/html",
                                "href", "https://docs.openstack.org/barbican/latest/api/")),
                "media-types", List.of(Map.of("base", "application/json",
                        "type", "application/vnd.openstack.key-manager-v1+json")));
    }
}
