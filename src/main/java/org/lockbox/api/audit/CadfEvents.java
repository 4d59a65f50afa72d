package org.lockbox.api.audit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.audit.AuditEvent;
import org.lockbox.audit.EventFields;

/**
 * Audit events in DMTF CADF, as pyCADF and keystonemiddleware's audit middleware write them: an
 * activity event whose initiator is the user, whose target is the key (or Lockbox itself) and whose
 * observer is the target; the HTTP status is the reason.
 */
final class CadfEvents {

    static final String EVENT_TYPE_URI = "http://schemas.dmtf.org/cloud/audit/1.0/event";
    private static final String KEY_MANAGER = "service/security/keymanager";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private CadfEvents() {
    }

    /** One CADF activity event; absent parts are left out, as pyCADF writes them. */
    @Schema(name = "CadfEvent", description = "A DMTF CADF activity event")
    public record Event(@JsonbProperty("typeURI") String typeUri,
                        @JsonbProperty("eventType") String eventType, String id,
                        @JsonbProperty("eventTime") String eventTime,
                        String action, String outcome, Initiator initiator, Resource target, Resource observer,
                        @JsonbNillable(false) Reason reason,
                        @JsonbNillable(false) @JsonbProperty("requestPath") String requestPath,
                        @JsonbNillable(false) @JsonbProperty("request_id") String requestId,
                        @JsonbNillable(false) List<Attachment> attachments) {
    }

    /** Who made the request. */
    @Schema(name = "CadfInitiator")
    public record Initiator(@JsonbProperty("typeURI") String typeUri, String id,
                            @JsonbNillable(false) @JsonbProperty("project_id") String projectId,
                            @JsonbNillable(false) @JsonbProperty("acting_user_id") String actingUserId,
                            @JsonbNillable(false) String service) {
    }

    /** The target or the observer of an event. */
    @Schema(name = "CadfResource")
    public record Resource(@JsonbNillable(false) @JsonbProperty("typeURI") String typeUri, String id) {
    }

    /** Why the event ended as it did: the HTTP status. */
    @Schema(name = "CadfReason")
    public record Reason(@JsonbProperty("reasonType") String reasonType,
                         @JsonbProperty("reasonCode") String reasonCode) {
    }

    /** A note attached to an event, such as the reason for a refusal. */
    @Schema(name = "CadfAttachment")
    public record Attachment(String name, @JsonbProperty("typeURI") String typeUri, String content) {
    }

    static Event of(AuditEvent e) {
        String outcome = switch (e.outcome()) {
            case EventFields.ALLOWED -> "success";
            case EventFields.DENIED, EventFields.FAILED -> "failure";
            case EventFields.PENDING -> "pending";
            default -> "unknown";
        };
        Initiator initiator = new Initiator(e.userId() != null && e.userId().equals("lockbox") && e.method() == null
                ? "service/security" : "service/security/account/user", e.userId() == null ? "unknown" : e.userId(),
                e.projectId(), e.actingUserId() != null && !e.actingUserId().equals(e.userId()) ? e.actingUserId() : null,
                e.service());
        boolean http = e.method() != null;
        return new Event(EVENT_TYPE_URI, "activity", e.id(), TIME.format(e.time().withOffsetSameInstant(ZoneOffset.UTC)),
                action(e), outcome, initiator, new Resource(targetType(e), e.keyId() == null ? "lockbox" : e.keyId()),
                new Resource(null, "target"), http ? new Reason("HTTP", Integer.toString(e.status())) : null,
                http ? e.path() : null, e.requestId(),
                e.reason() == null ? null : List.of(new Attachment("reason", "mime:text/plain", e.reason())));
    }

    /** CADF's action taxonomy (create, read, read/list, update, delete, restore) from the method and the action. */
    static String action(AuditEvent e) {
        String action = e.action();
        if (action.endsWith(".restore")) {
            return "restore";
        }
        if (action.endsWith(".destroy")) {
            return "delete";
        }
        if (e.method() == null) {
            return "unknown";
        }
        return switch (e.method()) {
            case "GET", "HEAD" -> e.keyId() == null || action.endsWith(".list") ? "read/list" : "read";
            case "POST" -> "create";
            case "PUT", "PATCH" -> "update";
            case "DELETE" -> "delete";
            default -> "unknown";
        };
    }

    private static String targetType(AuditEvent e) {
        String action = e.action();
        if (action.startsWith("secret")) {
            return KEY_MANAGER + "/secret";
        }
        if (action.startsWith("container")) {
            return KEY_MANAGER + "/container";
        }
        if (action.startsWith("order")) {
            return KEY_MANAGER + "/order";
        }
        if (action.startsWith("deletions")) {
            return KEY_MANAGER + "/secret";
        }
        return KEY_MANAGER;
    }
}
