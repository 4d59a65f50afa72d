package org.lockbox.api;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.lockbox.audit.RequestAudit;
import org.lockbox.crypto.UnwrapFailedException;
import org.lockbox.error.ConflictException;
import org.lockbox.error.DomainException;
import org.lockbox.error.ForbiddenException;
import org.lockbox.error.InvalidRequestException;
import org.lockbox.error.NotFoundException;
import org.lockbox.error.NotImplementedException;
import org.lockbox.error.TooLargeException;
import org.lockbox.identity.AuthenticationException;
import org.lockbox.persistence.TransientFailures;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.rootoftrust.MasterKeysUnavailableException;

/**
 * Every failure becomes Barbican's JSON error body with the right status: never an HTML page, a
 * stack trace or a detail that could carry material or a token.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Inject
    RequestAudit audit;

    @Override
    public Response toResponse(Throwable thrown) {
        Optional<String> transientState = TransientFailures.sqlState(thrown);
        if (transientState.isPresent()) {
            LOG.warning(() -> "A request met a database conflict it could not get past (SQLState "
                    + transientState.get() + "); answered 503");
            return Response.fromResponse(error(503, "The database met conflicting changes and could not complete"
                    + " the request; try again.")).header("Retry-After", "1").build();
        }
        if (TransientFailures.isUnavailable(thrown)) {
            LOG.warning(() -> "A request could not reach the database (" + thrown.getClass().getName()
                    + "); answered 503");
            return Response.fromResponse(error(503, "The database cannot be reached now; try again."))
                    .header("Retry-After", "1").build();
        }
        Throwable cause = unwrap(thrown);
        if (cause instanceof ApiException e) {
            return error(e.status(), e.getMessage());
        }
        if (cause instanceof DomainException e) {
            return error(status(e), e.getMessage());
        }
        if (cause instanceof AuthenticationException e) {
            audit.refused(e.getMessage());
            return Response.fromResponse(error(401, e.getMessage()))
                    .header("WWW-Authenticate", "Keystone uri=\"\"").build();
        }
        if (cause instanceof AccessDeniedException e) {
            audit.refused(e.reason());
            return error(e.concealed() ? 404 : 403, e.getMessage());
        }
        if (cause instanceof MasterKeysUnavailableException e) {
            return error(503, "Keys cannot be served: " + e.getMessage());
        }
        if (cause instanceof UnwrapFailedException e) {
            LOG.severe(e.getMessage());
            return error(500, e.getMessage());
        }
        if (cause instanceof WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return error(status, status == 404 ? "Not found." : status == 405 ? "Method not allowed."
                    : Response.Status.fromStatusCode(status) == null ? "Request refused."
                    : Response.Status.fromStatusCode(status).getReasonPhrase() + ".");
        }
        if (cause instanceof JsonException || cause instanceof JsonbException || cause instanceof ProcessingException) {
            return error(400, "Malformed JSON: the body must be one JSON object.");
        }
        LOG.log(Level.SEVERE, "Unexpected failure (" + cause.getClass().getName() + ")", cause);
        return error(500, "Internal error; the server log has the details.");
    }

    /** The first cause that says more than its wrapper. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (current instanceof ApiException || current instanceof DomainException
                    || current instanceof AuthenticationException
                    || current instanceof AccessDeniedException || current instanceof MasterKeysUnavailableException
                    || current instanceof UnwrapFailedException) {
                return current;
            }
            Throwable next = current instanceof EJBException ejb && ejb.getCausedByException() != null
                    ? ejb.getCausedByException() : current.getCause();
            if (next == null || next == current) {
                break;
            }
            current = next;
        }
        return thrown instanceof EJBException && current != null ? current : thrown;
    }

    /** The HTTP status Barbican answers for a domain error. */
    static int status(DomainException e) {
        if (e instanceof InvalidRequestException) {
            return 400;
        }
        if (e instanceof ForbiddenException) {
            return 403;
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof TooLargeException) {
            return 413;
        }
        return e instanceof NotImplementedException ? 501 : 500;
    }

    static Response error(int status, String description) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, title, description)).build();
    }
}
