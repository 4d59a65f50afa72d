package org.lockbox.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.persistence.Page;
import org.lockbox.persistence.TransactionRetry;
import org.lockbox.policy.Authorizer;

/**
 * What every resource of the API stands on: the authenticated caller, the policy table's checks that
 * depend on more than the declared action, a retry for transactions that lose a race, and the links
 * Barbican's answers carry, built from the request.
 */
public abstract class ApiResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    protected Authorizer authorizer;

    @Inject
    protected TransactionRetry retry;

    @Inject
    Hrefs hrefs;

    @Context
    protected UriInfo uriInfo;

    /** The caller the token names, authenticated before the resource runs. */
    protected Caller caller() {
        return currentCaller.get();
    }

    /** The base of absolute references, e.g. http://127.0.0.1:9311: the configured public URL or the request's. */
    protected String base() {
        return hrefs.base(uriInfo);
    }

    /** The total of a listing and the links to its next and previous pages. */
    protected Listing.Links links(Page<?> page) {
        return Listing.links(page, uriInfo, base());
    }
}
