package org.lockbox.api;

import java.util.List;

import org.lockbox.container.SecretContainer;

/** A container as Barbican returns it. */
public record ContainerView(String containerRef, String name, String type, String status, String creatorId,
                            String created, String updated, List<SecretRefView> secretRefs, List<Object> consumers) {

    /** One member of a container. */
    public record SecretRefView(String name, String secretRef) {
    }

    static ContainerView of(SecretContainer container, String base) {
        return new ContainerView(base + "/v1/containers/" + container.id(), container.name(), container.type(),
                container.status(), container.creatorId(), Hrefs.time(container.created()),
                Hrefs.time(container.updated()),
                container.secrets().stream()
                        .map(r -> new SecretRefView(r.name(), base + "/v1/secrets/" + r.secretId())).toList(),
                List.of());
    }
}
