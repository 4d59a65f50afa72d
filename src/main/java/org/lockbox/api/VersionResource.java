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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.policy.Public;

/** Version discovery, as keystoneauth expects from a key manager: served without a token. */
@Path("/")
@Unauthenticated
@Public
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
@SecurityRequirements
@APIResponse(responseCode = "406", ref = "NotAcceptable")
public class VersionResource {

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

    /** The shape of one version's description. */
    @Schema(name = "Version")
    public record VersionView(String id, String status, String minVersion, String maxVersion,
                              List<Map<String, String>> links,
                              @Schema(name = "media-types") List<Map<String, String>> mediaTypes) {
    }

    /** The shape of the root's answer. */
    @Schema(name = "Versions")
    public record VersionsView(Map<String, List<VersionView>> versions) {
    }

    /** The shape of /v1's answer. */
    @Schema(name = "VersionOne")
    public record VersionOneView(VersionView version) {
    }

    @GET
    @Operation(summary = "List the API versions", description = "Version discovery, as keystoneauth expects it: one"
            + " version, v1, with microversions 1.0 to 1.1. No token needed.")
    @APIResponse(responseCode = "300", description = "The versions (Multiple Choices, as Barbican answers)",
            content = @Content(schema = @Schema(implementation = VersionsView.class)))
    public Response versions() {
        return Response.status(Response.Status.MULTIPLE_CHOICES)
                .entity(Map.of("versions", Map.of("values", List.of(v1())))).build();
    }

    @GET
    @Path("v1")
    @Operation(summary = "Describe API version 1", description = "No token needed.")
    @APIResponse(responseCode = "200", description = "Version 1",
            content = @Content(schema = @Schema(implementation = VersionOneView.class)))
    public Map<String, Object> version() {
        return Map.of("version", v1());
    }

    private Map<String, Object> v1() {
        return Map.of(
                "id", "v1",
                "status", "CURRENT",
                "min_version", "1.0",
                "max_version", ApiVersion.LATEST.number(),
                "links", List.of(
                        Map.of("rel", "self", "href", hrefs.base(uriInfo) + "/v1/"),
                        Map.of("rel", "describedby", "type", "text/html",
                                "href", "https://docs.openstack.org/barbican/latest/api/")),
                "media-types", List.of(Map.of("base", "application/json",
                        "type", "application/vnd.openstack.key-manager-v1+json")));
    }
}
