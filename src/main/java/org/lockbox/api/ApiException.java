package org.lockbox.api;

import jakarta.ejb.ApplicationException;
import jakarta.ws.rs.core.Response.Status;

/**
 * A refusal with the HTTP status and a description safe to show the caller (never material or
 * tokens), thrown by the HTTP layer; services throw the domain errors of {@code org.lockbox.error}.
 */
@ApplicationException(rollback = true)
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String description) {
        return new ApiException(Status.BAD_REQUEST.getStatusCode(), description);
    }

    public static ApiException forbidden(String description) {
        return new ApiException(Status.FORBIDDEN.getStatusCode(), description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(Status.NOT_FOUND.getStatusCode(), description);
    }

    public static ApiException conflict(String description) {
        return new ApiException(Status.CONFLICT.getStatusCode(), description);
    }

    public static ApiException tooLarge(String description) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), description);
    }

    public static ApiException notAcceptable(String description) {
        return new ApiException(Status.NOT_ACCEPTABLE.getStatusCode(), description);
    }

    public static ApiException unsupportedMediaType(String description) {
        return new ApiException(Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode(), description);
    }
}
