package org.lockbox.api.secret;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Hrefs;
import org.lockbox.api.Timestamps;
import org.lockbox.secret.PendingDeletion;

/** A secret pending deletion, for admins: metadata, the request and when the secret will be destroyed. */
@Schema(name = "PendingDeletion")
public record DeletionView(String secretId, String secretRef, String projectId, String service, String name,
                           String requestedAt, String requestedBy, String destroyAfter, String requestEventId) {

    static DeletionView of(PendingDeletion d, String base) {
        return new DeletionView(d.secretId(), Hrefs.secret(base, d.secretId()), d.projectId(), d.service(), d.name(),
                Timestamps.format(d.requestedAt()), d.requestedBy(), Timestamps.format(d.destroyAfter()),
                d.requestEventId());
    }
}
