package org.lockbox.api;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.acl.AclTarget;

/** Barbican's /v1/secrets/{id}/acl. */
@Path("v1/secrets/{id}/acl")
@Tag(name = "ACLs")
public class SecretAclResource extends AclResource {

    @Override
    AclTarget target() {
        return AclTarget.SECRET;
    }

    @Override
    String resourceRef(String base, String id) {
        return Hrefs.secret(base, id);
    }
}
