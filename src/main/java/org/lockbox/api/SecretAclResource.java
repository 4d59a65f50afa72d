package org.lockbox.api;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.acl.AclTarget;

/** Barbican's /v1/secrets/{id}/acl. */
@Path("v1/secrets/{id}/acl")
@Tag(name = "ACLs")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "503", ref = "Unavailable")
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
