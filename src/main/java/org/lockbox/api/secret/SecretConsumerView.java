package org.lockbox.api.secret;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Timestamps;
import org.lockbox.secret.SecretConsumer;

/** A secret's consumer as Barbican lists it (API 1.1). */
@Schema(name = "SecretConsumer")
public record SecretConsumerView(String service, String resourceType, String resourceId, String status,
                                 String created, String updated) {

    static SecretConsumerView of(SecretConsumer consumer) {
        return new SecretConsumerView(consumer.service(), consumer.resourceType(), consumer.resourceId(),
                consumer.status(), Timestamps.format(consumer.created()), Timestamps.format(consumer.updated()));
    }
}
