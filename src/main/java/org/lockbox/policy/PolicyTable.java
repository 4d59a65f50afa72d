package org.lockbox.policy;

import static org.lockbox.policy.Action.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which roles may perform which action within their own project: Barbican's default (legacy)
 * policy, with Keystone's member as creator plus what Barbican 15's rules give a project member
 * beyond the legacy creator (deleting the project's orders: `order:delete` is
 * `rule:admin ... or role:member and project_id:...`), and reader as Barbican's secure-RBAC reader,
 * which may not touch secrets, containers or orders (only see its quotas and the secret stores). Quotas of any project are for key-manager:service-admin only, as in
 * Barbican's default policy: a project's admin must not raise its own quotas. A second,
 * service-wide table says which roles act across every project (master keys, any project's KEK):
 * Barbican's key-manager:service-admin only. A project's admin may rotate its own project's KEK,
 * never a master key that protects every project. The audit trail and the secrets pending deletion
 * are read by the audit role and admins of their own project and by key-manager:service-admin for
 * every project; restoring a deleted secret is for admins only. The key inventory the admin console
 * shows follows the same rule (admin and audit: their project; service admin: every project). Sibling
 * replicas' requests for the master keys are seen, approved and revoked by the service admin only. This
 * table is the only place roles are interpreted.
 */
public final class PolicyTable {

    public static final String ADMIN = "admin";
    public static final String CREATOR = "creator";
    public static final String OBSERVER = "observer";
    public static final String AUDIT = "audit";
    public static final String MEMBER = "member";
    public static final String READER = "reader";
    public static final String SERVICE_ADMIN = "key-manager:service-admin";

    /** Actions that concern every project at once, so no project-scoped role grants them. */
    private static final Set<Action> SERVICE_WIDE_ONLY = EnumSet.of(MASTER_KEY_READ, MASTER_KEY_MANAGE, REPLICA_READ,
            REPLICA_MANAGE);

    /** Registering and reading consumers is "read" access in Barbican: every role that can see a secret may. */
    private static final Set<Action> CONSUMERS = EnumSet.of(SECRET_CONSUMER_LIST, SECRET_CONSUMER_CREATE,
            SECRET_CONSUMER_DELETE, CONTAINER_CONSUMER_LIST, CONTAINER_CONSUMER_CREATE, CONTAINER_CONSUMER_DELETE);

    /** What Barbican lets any role of the project see: its own quotas and the secret stores. */
    private static final Set<Action> PROJECT_INFORMATION = EnumSet.of(QUOTA_READ, STORE_READ);

    /** Barbican lets every role but audit read ACLs (secret_acls:get is all_but_audit_users). */
    private static final Set<Action> ACL_READS = EnumSet.of(SECRET_ACL_READ, CONTAINER_ACL_READ);

    /** Groups list metadata only: whoever may list the project's secrets may list its groups. */
    private static final Set<Action> GROUP_READS = EnumSet.of(GROUP_LIST, GROUP_READ);

    /** Other projects' quotas: the key manager's own administrators, not a project's. */
    private static final Set<Action> PROJECT_QUOTAS = EnumSet.of(PROJECT_QUOTA_READ, PROJECT_QUOTA_UPDATE,
            PROJECT_QUOTA_DELETE);

    private static final Set<Action> CREATOR_ACTIONS = union(EnumSet.of(SECRET_CREATE, SECRET_LIST,
            SECRET_READ_METADATA, SECRET_READ_PAYLOAD, SECRET_UPDATE, SECRET_DELETE, ORDER_CREATE, ORDER_LIST,
            ORDER_READ, CONTAINER_CREATE, CONTAINER_LIST, CONTAINER_READ, CONTAINER_DELETE,
            CONTAINER_SECRET_ADD, CONTAINER_SECRET_REMOVE, SECRET_ACL_UPDATE, CONTAINER_ACL_UPDATE, SECRET_CLONE,
            GROUP_MANAGE, GRANT_LIST, GRANT_CREATE, GRANT_DELETE), CONSUMERS, PROJECT_INFORMATION, ACL_READS,
            GROUP_READS);

    private static final Map<String, Set<Action>> BY_ROLE = Map.of(
            ADMIN, EnumSet.complementOf(EnumSet.copyOf(union(PROJECT_QUOTAS, SERVICE_WIDE_ONLY))),
            CREATOR, CREATOR_ACTIONS,
            MEMBER, union(CREATOR_ACTIONS, EnumSet.of(ORDER_DELETE)),
            OBSERVER, union(EnumSet.of(SECRET_LIST, SECRET_READ_METADATA, SECRET_READ_PAYLOAD, ORDER_LIST, ORDER_READ,
                    CONTAINER_LIST, CONTAINER_READ, GRANT_LIST), CONSUMERS, PROJECT_INFORMATION, ACL_READS, GROUP_READS),
            AUDIT, union(EnumSet.of(SECRET_READ_METADATA, ORDER_READ, CONTAINER_READ, GROUP_READ, AUDIT_READ,
                    DELETION_LIST, GRANT_LIST, TRUST_LIST, INVENTORY_READ), CONSUMERS, PROJECT_INFORMATION),
            READER, EnumSet.copyOf(PROJECT_INFORMATION),
            SERVICE_ADMIN, union(EnumSet.of(SECRET_READ_METADATA, AUDIT_READ, DELETION_LIST, DELETION_RESTORE),
                    PROJECT_QUOTAS, CONSUMERS, PROJECT_INFORMATION));

    private static final Map<String, Set<Action>> SERVICE_WIDE = Map.of(
            SERVICE_ADMIN, EnumSet.of(MASTER_KEY_READ, MASTER_KEY_MANAGE, ROTATION_READ, KEK_READ, KEK_ROTATE,
                    AUDIT_READ, DELETION_LIST, DELETION_RESTORE, GRANT_LIST, TRUST_LIST, INVENTORY_READ, REPLICA_READ,
                    REPLICA_MANAGE));

    private static final Map<Action, Set<String>> BY_ACTION = invert(BY_ROLE);
    private static final Map<Action, Set<String>> SERVICE_WIDE_BY_ACTION = invert(SERVICE_WIDE);

    private PolicyTable() {
    }

    public static boolean allows(Set<String> roles, Action action) {
        for (String role : roles) {
            if (BY_ACTION.get(action).contains(normalise(role))) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the roles is the project's admin, whom Barbican lets past a private ACL. */
    public static boolean includesAdmin(Set<String> roles) {
        return roles.stream().anyMatch(role -> ADMIN.equals(normalise(role)));
    }

    /** The roles that grant an action, for error messages and documentation. */
    public static Set<String> rolesFor(Action action) {
        return BY_ACTION.get(action);
    }

    /** Whether one of the roles grants the action on every project, whatever the token's scope. */
    public static boolean allowsServiceWide(Set<String> roles, Action action) {
        for (String role : roles) {
            if (SERVICE_WIDE_BY_ACTION.get(action).contains(normalise(role))) {
                return true;
            }
        }
        return false;
    }

    /** The roles that grant an action on every project. */
    public static Set<String> serviceWideRolesFor(Action action) {
        return SERVICE_WIDE_BY_ACTION.get(action);
    }

    private static String normalise(String role) {
        return role.toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    private static Set<Action> union(Set<Action> first, Set<Action>... more) {
        Set<Action> all = EnumSet.copyOf(first);
        for (Set<Action> set : more) {
            all.addAll(set);
        }
        return all;
    }

    private static Map<Action, Set<String>> invert(Map<String, Set<Action>> byRole) {
        Map<Action, Set<String>> byAction = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            byAction.put(action, new TreeSet<>());
        }
        byRole.forEach((role, actions) -> actions.forEach(a -> byAction.get(a).add(role)));
        byAction.replaceAll((action, roles) -> Set.copyOf(roles));
        return byAction;
    }
}
