package org.lockbox.api.acl;

import static org.lockbox.policy.Action.SECRET_ACL_READ;
import static org.lockbox.policy.Action.SECRET_ACL_UPDATE;
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

/** Barbican's /v1/secrets/{id}/acl: a secret's read ACL; reading it needs less than changing it. */
@Path("v1/secrets/{id}/acl")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ACLs")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@Audited("secret-acl")
@Requires(value = SECRET_ACL_UPDATE, where = EACH_KEY)
public class SecretAclResource extends AclResource {

    public SecretAclResource() {
        super(AclTarget.SECRET, Hrefs::secret);
    }

    @Override
    @Requires(value = SECRET_ACL_READ, where = EACH_KEY)
    public AclRequests.AclView get() {
        return super.get();
    }
}
