package org.lockbox.api;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static Map<String, Object> of(AuditEvent e) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("typeURI", EVENT_TYPE_URI);
        event.put("eventType", "activity");
        event.put("id", e.id());
        event.put("eventTime", TIME.format(e.time().withOffsetSameInstant(ZoneOffset.UTC)));
        event.put("action", action(e));
        event.put("outcome", switch (e.outcome()) {
            case EventFields.ALLOWED -> "success";
            case EventFields.DENIED, EventFields.FAILED -> "failure";
            case EventFields.PENDING -> "pending";
            default -> "unknown";
        });
        Map<String, Object> initiator = new LinkedHashMap<>();
        initiator.put("typeURI", e.userId() != null && e.userId().equals("lockbox") && e.method() == null
                ? "service/security" : "service/security/account/user");
        initiator.put("id", e.userId() == null ? "unknown" : e.userId());
        putIfPresent(initiator, "project_id", e.projectId());
        if (e.actingUserId() != null && !e.actingUserId().equals(e.userId())) {
            initiator.put("acting_user_id", e.actingUserId());
        }
        putIfPresent(initiator, "service", e.service());
        event.put("initiator", initiator);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("typeURI", targetType(e));
        target.put("id", e.keyId() == null ? "lockbox" : e.keyId());
        event.put("target", target);
        event.put("observer", Map.of("id", "target"));
        if (e.method() != null) {
            event.put("reason", Map.of("reasonType", "HTTP", "reasonCode", Integer.toString(e.status())));
            putIfPresent(event, "requestPath", e.path());
        }
        putIfPresent(event, "request_id", e.requestId());
        if (e.reason() != null) {
            event.put("attachments", List.of(Map.of("name", "reason", "typeURI", "mime:text/plain",
                    "content", e.reason())));
        }
        return event;
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

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
