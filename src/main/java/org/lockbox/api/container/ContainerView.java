package org.lockbox.api.container;

import java.util.List;

import jakarta.json.bind.annotation.JsonbProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Timestamps;
import org.lockbox.container.SecretContainer;

/** A container as Barbican returns it. */
@Schema(name = "Container", description = "A container: its members and its consumers")
public record ContainerView(String containerRef, String name,
                            @Schema(enumeration = {"generic", "rsa", "certificate"}) String type,
                            String status, String creatorId, String created, String updated,
                            List<SecretRefView> secretRefs, List<ConsumerRef> consumers) {

    /** One member of a container, as the container shows it and as adding or removing one binds it. */
    @JsonRequest
    @Schema(name = "ContainerSecretRef")
    public record SecretRefView(@Schema(maxLength = 255) String name, @Schema(maxLength = 2048) String secretRef) {
    }

    /** A consumer as a container lists it. */
    @Schema(name = "ContainerConsumerRef")
    public record ConsumerRef(String name, @JsonbProperty("URL") @Schema(name = "URL") String url) {
    }

    static ContainerView of(SecretContainer container, String base) {
        return new ContainerView(Hrefs.container(base, container.id()), container.name(), container.type(),
                container.status(), container.creatorId(), Timestamps.format(container.created()),
                Timestamps.format(container.updated()),
                container.secrets().stream()
                        .map(r -> new SecretRefView(r.name(), Hrefs.secret(base, r.secretId()))).toList(),
                container.consumers().stream().map(c -> new ConsumerRef(c.name(), c.url())).toList());
    }
}
