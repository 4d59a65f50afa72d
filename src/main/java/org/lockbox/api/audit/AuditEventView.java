package org.lockbox.api.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Timestamps;
import org.lockbox.audit.AuditEvent;

/** One audit event as the API shows it (never material, never tokens). */
@Schema(name = "AuditEvent")
public record AuditEventView(long sequence, String id, String time, String requestId, String userId,
                             String actingUserId, String service, String projectId, String action, String method,
                             String requestPath, String keyId,
                             @Schema(enumeration = {"allowed", "denied", "failed", "pending"}) String outcome, int status,
                             String reason, String hash, String previousHash, String keyProjectId,
                             Integer keyVersion) {

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.sequence(), e.id(), Timestamps.format(e.time()), e.requestId(), e.userId(),
                e.actingUserId(), e.service(), e.projectId(), e.action(), e.method(), e.path(), e.keyId(),
                e.outcome(), e.status(), e.reason(), e.hash(), e.previousHash(), e.keyProjectId(), e.keyVersion());
    }
}
