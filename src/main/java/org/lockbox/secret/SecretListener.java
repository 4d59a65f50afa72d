package org.lockbox.secret;

import jakarta.inject.Inject;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/** Drops a written secret from the read cache, whichever code path wrote it. */
public class SecretListener {

    @Inject
    SecretReadCache cache;

    @PostUpdate
    @PostRemove
    void written(Secret secret) {
        cache.changed(secret.id());
    }
}
