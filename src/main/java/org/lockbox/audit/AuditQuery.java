package org.lockbox.audit;

import java.time.LocalDateTime;

/** Filters of an audit listing (null: any) and its page; projectId is forced to the caller's own unless service-wide. */
public record AuditQuery(String keyId, String projectId, String userId, String outcome, String action,
                         LocalDateTime since, LocalDateTime until, int offset, int limit) {

    public AuditQuery inProject(String project) {
        return new AuditQuery(keyId, project, userId, outcome, action, since, until, offset, limit);
    }
}
