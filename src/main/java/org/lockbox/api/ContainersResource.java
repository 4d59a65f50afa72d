package org.lockbox.api;

import static org.lockbox.policy.Action.*;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.lockbox.container.ContainerService;
import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.policy.Authorizer;

/** Barbican's /v1/containers: read, list and delete containers (asymmetric orders create them). */
@Path("v1/containers")
@Produces(MediaType.APPLICATION_JSON)
public class ContainersResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Authorizer authorizer;

    @EJB
    ContainerService containers;

    @Inject
    Hrefs hrefs;

    @Context
    UriInfo uriInfo;

    @GET
    public Map<String, Object> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, CONTAINER_LIST);
        var page = containers.list(caller, Listing.offset(offset), Listing.limit(limit));
        String base = hrefs.base(uriInfo);
        return Listing.body("containers", page.items().stream().map(c -> ContainerView.of(c, base)).toList(),
                page, uriInfo, base);
    }

    @GET
    @Path("{id}")
    public ContainerView get(@PathParam("id") String id) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, CONTAINER_READ);
        return ContainerView.of(containers.get(caller, id), hrefs.base(uriInfo));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Caller caller = currentCaller.get();
        authorizer.require(caller, CONTAINER_DELETE);
        containers.delete(caller, id);
        return Response.noContent().build();
    }
}
