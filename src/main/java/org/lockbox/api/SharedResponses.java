package org.lockbox.api;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The error responses the resources share, each a Barbican error body, as the OpenAPI document's
 * components (resources name them with {@code ref}); read through {@code mp.openapi.model.reader}.
 * As {@code mp.openapi.filter} it states three of them once: for every operation that needs a token
 * (the document's global security requirement applies to it) 401 without a valid token and 503 while
 * the master keys are not unsealed (Lockbox fails closed), and for every operation whose body has
 * declared media types 415 for any other Content-Type.
 */
public class SharedResponses implements OASModelReader, OASFilter {

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

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().stream()
                .filter(operation -> operation.getSecurity() == null)
                .forEach(operation -> {
                    addIfAbsent(operation, "401", "Unauthorized");
                    addIfAbsent(operation, "503", "Unavailable");
                }));
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().stream()
                .filter(operation -> operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                        && !operation.getRequestBody().getContent().hasMediaType(MediaType.WILDCARD))
                .forEach(operation -> addIfAbsent(operation, "415", "UnsupportedMediaType")));
    }

    private static void addIfAbsent(Operation operation, String status, String shared) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status,
                    OASFactory.createAPIResponse().ref("#/components/responses/" + shared));
        }
    }

    private static APIResponse errorResponse(String description) {
        var body = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("ErrorBody"));
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON, body));
    }
}
