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
        return new ContainerView(Hrefs.container(base, container.id()), container.name(), container.type(),
                container.status(), container.creatorId(), Timestamps.format(container.created()),
                Timestamps.format(container.updated()),
                container.secrets().stream()
                        .map(r -> new SecretRefView(r.name(), Hrefs.secret(base, r.secretId()))).toList(),
                List.of());
    }
}
