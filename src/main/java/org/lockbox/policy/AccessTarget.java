package org.lockbox.policy;

import java.util.Set;

/**
 * What the policy needs to know about one secret or container to decide on it: its project, its
 * creator and its read ACL (Barbican's default ACL is project access and no users).
 *
 * @param kind          "Secret" or "Container", as refusals name it
 * @param projectAccess false when the ACL makes it private to its creator, admins and listed users
 * @param readers       users the ACL lets read it from any project, whatever their roles
 */
public record AccessTarget(String kind, String projectId, String creatorId, boolean projectAccess,
                           Set<String> readers) {

    public AccessTarget {
        readers = Set.copyOf(readers);
    }

    /** A target with Barbican's default ACL. */
    public static AccessTarget withDefaultAcl(String kind, String projectId, String creatorId) {
        return new AccessTarget(kind, projectId, creatorId, true, Set.of());
    }
}
