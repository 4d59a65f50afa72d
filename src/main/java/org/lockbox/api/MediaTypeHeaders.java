package org.lockbox.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses an empty or malformed Content-Type or Accept header with 400 before a resource is matched:
 * the runtime would otherwise fail to parse it while matching and answer 500. The header's value is
 * not repeated in the answer.
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class MediaTypeHeaders implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            if (contentType.isBlank()) {
                throw ApiException.badRequest("The Content-Type header is empty: name the body's media type.");
            }
            try {
                request.getMediaType();
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The Content-Type header is not a media type (type/subtype).");
            }
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null) {
            if (accept.isBlank()) {
                throw ApiException.badRequest("The Accept header is empty: name the media types accepted, or */*.");
            }
            try {
                request.getAcceptableMediaTypes();
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The Accept header is not a list of media types (type/subtype).");
            }
        }
    }
}
