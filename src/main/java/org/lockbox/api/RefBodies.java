package org.lockbox.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of Barbican's "here is its reference" answers. */
public final class RefBodies {

    private RefBodies() {
    }

    /** A secret's reference, as answers give it and as adding a secret to a group binds it. */
    @JsonRequest
    @Schema(name = "SecretRef")
    public record SecretRef(@Schema(maxLength = 2048) String secretRef) {
    }

    @Schema(name = "OrderRef")
    public record OrderRef(String orderRef) {
    }

    @Schema(name = "ContainerRef")
    public record ContainerRef(String containerRef) {
    }
}
