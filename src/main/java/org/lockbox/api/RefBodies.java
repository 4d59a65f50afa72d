package org.lockbox.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of Barbican's "here is its reference" answers, for the OpenAPI document. */
final class RefBodies {

    private RefBodies() {
    }

    @Schema(name = "SecretRef")
    public record SecretRef(String secretRef) {
    }

    @Schema(name = "OrderRef")
    public record OrderRef(String orderRef) {
    }

    @Schema(name = "ContainerRef")
    public record ContainerRef(String containerRef) {
    }
}
