package org.lockbox.api;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.acl.AclTarget;

/** Barbican's /v1/containers/{id}/acl. */
@Path("v1/containers/{id}/acl")
@Tag(name = "ACLs")
public class ContainerAclResource extends AclResource {

    @Override
    AclTarget target() {
        return AclTarget.CONTAINER;
    }

    @Override
    String resourceRef(String base, String id) {
        return Hrefs.container(base, id);
    }
}
