package org.lockbox.api.container;

import jakarta.json.bind.annotation.JsonbProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Timestamps;
import org.lockbox.container.ContainerConsumer;

/** A container's consumer as Barbican lists it. */
@Schema(name = "ContainerConsumer")
public record ContainerConsumerView(String name, @JsonbProperty("URL") @Schema(name = "URL") String url,
                                    String status, String created, String updated) {

    static ContainerConsumerView of(ContainerConsumer consumer) {
        return new ContainerConsumerView(consumer.name(), consumer.url(), consumer.status(),
                Timestamps.format(consumer.created()), Timestamps.format(consumer.updated()));
    }
}
