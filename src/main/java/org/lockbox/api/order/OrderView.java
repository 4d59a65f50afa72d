package org.lockbox.api.order;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Hrefs;
import org.lockbox.api.JsonFields;
import org.lockbox.api.Timestamps;
import org.lockbox.order.KeyOrder;

/**
 * An order as Barbican returns it: secret_ref only for a key order and container_ref only for an asymmetric
 * one, absent rather than null (barbicanclient builds its order objects from these names and fails on the other).
 */
@Schema(name = "Order")
public record OrderView(String orderRef, String type, String status, String subStatus, String subStatusMessage,
                        JsonObject meta,
                        @JsonbNillable(false) @Schema(description = "The generated secret (key orders, once ACTIVE)")
                        String secretRef,
                        @JsonbNillable(false) @Schema(description = "The generated container (asymmetric orders, once ACTIVE)")
                        String containerRef, String creatorId, String created,
                        String updated) {

    static OrderView of(KeyOrder order, String base) {
        return new OrderView(Hrefs.order(base, order.id()), order.type(), order.status(), "Unknown", "Unknown",
                JsonFields.parse(order.meta()),
                order.secretId() == null ? null : Hrefs.secret(base, order.secretId()),
                order.containerId() == null ? null : Hrefs.container(base, order.containerId()),
                order.creatorId(), Timestamps.format(order.created()), Timestamps.format(order.updated()));
    }
}
