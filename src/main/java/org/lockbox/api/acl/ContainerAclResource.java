package org.lockbox.api.acl;

import static org.lockbox.policy.Action.CONTAINER_ACL_READ;
import static org.lockbox.policy.Action.CONTAINER_ACL_UPDATE;
import static org.lockbox.policy.Requires.Where.EACH_KEY;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.acl.AclTarget;
import org.lockbox.api.Hrefs;
import org.lockbox.audit.Audited;
import org.lockbox.policy.Requires;

/** Barbican's /v1/containers/{id}/acl: a container's read ACL; reading it needs less than changing it. */
@Path("v1/containers/{id}/acl")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ACLs")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@Audited("container-acl")
@Requires(value = CONTAINER_ACL_UPDATE, where = EACH_KEY)
public class ContainerAclResource extends AclResource {

    public ContainerAclResource() {
        super(AclTarget.CONTAINER, Hrefs::container);
    }

    @Override
    @Requires(value = CONTAINER_ACL_READ, where = EACH_KEY)
    public AclRequests.AclView get() {
        return super.get();
    }
}
