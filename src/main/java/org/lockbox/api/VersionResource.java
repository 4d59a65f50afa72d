package org.lockbox.api;

import java.util.List;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
public class VersionResource extends ApiResource {

    /** The shape of one version's description. */
    @Schema(name = "Version")
    public record VersionView(String id, String status, String minVersion, String maxVersion, List<Link> links,
                              @JsonbProperty("media-types") @Schema(name = "media-types") List<Media> mediaTypes) {
    }

    /** A link of a version's description. */
    @Schema(name = "VersionLink")
    public record Link(String rel, @JsonbNillable(false) String type, String href) {
    }

    /** A media type a version speaks. */
    @Schema(name = "VersionMediaType")
    public record Media(String base, String type) {
    }

    /** The shape of the root's answer. */
    @Schema(name = "Versions")
    public record VersionsView(Values versions) {
    }

    /** The versions the root lists. */
    @Schema(name = "VersionValues")
    public record Values(List<VersionView> values) {
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
                .entity(new VersionsView(new Values(List.of(v1())))).build();
    }

    @GET
    @Path("v1")
    @Operation(summary = "Describe API version 1", description = "No token needed.")
    @APIResponse(responseCode = "200", description = "Version 1",
            content = @Content(schema = @Schema(implementation = VersionOneView.class)))
    public VersionOneView version() {
        return new VersionOneView(v1());
    }

    private VersionView v1() {
        return new VersionView("v1", "CURRENT", "1.0", ApiVersion.LATEST.number(), List.of(
                new Link("self", null, base() + "/v1/"),
                new Link("describedby", "text/html", "https://docs.openstack.org/barbican/latest/api/")),
                List.of(new Media("application/json", "application/vnd.openstack.key-manager-v1+json")));
    }
}
