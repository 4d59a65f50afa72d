package org.lockbox.api;

import jakarta.json.JsonObject;

import org.lockbox.order.KeyOrder;

/** An order as Barbican returns it. */
public record OrderView(String orderRef, String type, String status, String subStatus, String subStatusMessage,
                        JsonObject meta, String secretRef, String containerRef, String creatorId, String created,
                        String updated) {

    static OrderView of(KeyOrder order, String base) {
        return new OrderView(base + "/v1/orders/" + order.id(), order.type(), order.status(), "Unknown", "Unknown",
                OrdersResource.parse(order.meta()),
                order.secretId() == null ? null : base + "/v1/secrets/" + order.secretId(),
                order.containerId() == null ? null : base + "/v1/containers/" + order.containerId(),
                order.creatorId(), Hrefs.time(order.created()), Hrefs.time(order.updated()));
    }
}
