package org.lockbox.api;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The error responses the resources share, each a Barbican error body, as the OpenAPI document's
 * components (resources name them with {@code ref}); read through {@code mp.openapi.model.reader}.
 */
public class SharedResponses implements OASModelReader {

    /** Name, status and meaning of each shared error response. */
    record Shared(String name, int status, String description) {
    }

    static final Shared[] RESPONSES = {
            new Shared("BadRequest", 400, "Invalid input; nothing was changed"),
            new Shared("Unauthorized", 401, "No token, or a token that is not valid"),
            new Shared("Forbidden", 403, "The caller's roles do not allow this, or the token is not project-scoped"),
            new Shared("QuotaReached", 403, "Not allowed by the caller's roles, or the project's quota is reached"),
            new Shared("NotFound", 404, "No such resource in the caller's project"),
            new Shared("NotAcceptable", 406, "The Accept header or the requested API version cannot be served"),
            new Shared("Conflict", 409, "The request conflicts with the resource's state; nothing was changed"),
            new Shared("TooLarge", 413, "The request body or the payload is too large"),
            new Shared("UnsupportedMediaType", 415, "The Content-Type is not accepted here"),
            new Shared("Unavailable", 503, "Master keys are not unsealed: Lockbox serves no keys")};

    @Override
    public OpenAPI buildModel() {
        var components = OASFactory.createComponents();
        for (Shared shared : RESPONSES) {
            components.addResponse(shared.name(), errorResponse(shared.description()));
        }
        return OASFactory.createOpenAPI().components(components);
    }

    private static APIResponse errorResponse(String description) {
        var body = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("ErrorBody"));
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON, body));
    }
}
