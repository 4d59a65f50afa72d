package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.policy.Action.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The role table, written out independently of the production table: Barbican's default legacy policy. */
class PolicyTableTest {

    /** Barbican's legacy rules let every role that reads a project's secrets register and remove consumers. */
    private static final Set<Action> CONSUMERS = EnumSet.of(SECRET_CONSUMER_LIST, SECRET_CONSUMER_CREATE,
            SECRET_CONSUMER_DELETE, CONTAINER_CONSUMER_LIST, CONTAINER_CONSUMER_CREATE, CONTAINER_CONSUMER_DELETE);

    private static final Set<Action> AUDIT_ACTIONS = EnumSet.of(AUDIT_READ, DELETION_LIST, DELETION_RESTORE);

    /** What key-manager:service-admin does across every project: master keys, KEKs, rotations, the audit trail. */
    private static final Set<Action> ROTATION_ACTIONS = with(AUDIT_ACTIONS, MASTER_KEY_READ, MASTER_KEY_MANAGE,
            ROTATION_READ, KEK_READ, KEK_ROTATE, REPLICA_READ, REPLICA_MANAGE);

    private static final Set<Action> CREATOR_ACTIONS = EnumSet.complementOf(EnumSet.of(ORDER_DELETE,
            PROJECT_QUOTA_READ, PROJECT_QUOTA_UPDATE, PROJECT_QUOTA_DELETE, PREFERRED_STORE_SET,
            PREFERRED_STORE_REMOVE, MASTER_KEY_READ, MASTER_KEY_MANAGE, ROTATION_READ, KEK_READ, KEK_ROTATE,
            AUDIT_READ, DELETION_LIST, DELETION_RESTORE, GRANT_PROJECT_CREATE, TRUST_LIST, INVENTORY_READ,
            REPLICA_READ, REPLICA_MANAGE));

    /** Barbican 15's order:delete rule lets a project member delete the project's orders; the legacy creator may not. */
    private static final Set<Action> MEMBER_ACTIONS = with(CREATOR_ACTIONS, ORDER_DELETE);

    private static final Set<Action> PROJECT_QUOTAS = EnumSet.of(PROJECT_QUOTA_READ, PROJECT_QUOTA_UPDATE,
            PROJECT_QUOTA_DELETE);
    private static final Set<Action> ADMIN_ACTIONS = EnumSet.complementOf(EnumSet.of(PROJECT_QUOTA_READ,
            PROJECT_QUOTA_UPDATE, PROJECT_QUOTA_DELETE, MASTER_KEY_READ, MASTER_KEY_MANAGE, REPLICA_READ,
            REPLICA_MANAGE));

    private static final Map<String, Set<Action>> EXPECTED = Map.ofEntries(
            Map.entry("admin", ADMIN_ACTIONS),
            Map.entry("ADMIN", ADMIN_ACTIONS),
            Map.entry("creator", CREATOR_ACTIONS),
            Map.entry("Creator", CREATOR_ACTIONS),
            Map.entry("member", MEMBER_ACTIONS),
            Map.entry("Member", MEMBER_ACTIONS),
            Map.entry("MEMBER", MEMBER_ACTIONS),
            Map.entry("observer", with(CONSUMERS, SECRET_LIST, SECRET_READ_METADATA, SECRET_READ_PAYLOAD,
                    ORDER_LIST, ORDER_READ, CONTAINER_LIST, CONTAINER_READ, QUOTA_READ, STORE_READ, SECRET_ACL_READ,
                    CONTAINER_ACL_READ, GROUP_LIST, GROUP_READ, GRANT_LIST)),
            Map.entry("audit", with(CONSUMERS, SECRET_READ_METADATA, ORDER_READ, CONTAINER_READ, QUOTA_READ,
                    STORE_READ, GROUP_READ, AUDIT_READ, DELETION_LIST, GRANT_LIST, TRUST_LIST, INVENTORY_READ)),
            Map.entry("reader", EnumSet.of(QUOTA_READ, STORE_READ)),
            Map.entry("key-manager:service-admin", with(CONSUMERS, SECRET_READ_METADATA, QUOTA_READ, STORE_READ,
                    PROJECT_QUOTA_READ, PROJECT_QUOTA_UPDATE, PROJECT_QUOTA_DELETE, AUDIT_READ, DELETION_LIST,
                    DELETION_RESTORE)),
            Map.entry("unknown", EnumSet.noneOf(Action.class)),
            Map.entry("", EnumSet.noneOf(Action.class)),
            Map.entry("administrator", EnumSet.noneOf(Action.class)),
            Map.entry("admin ", EnumSet.noneOf(Action.class)),
            Map.entry("key-manager:admin", EnumSet.noneOf(Action.class)),
            Map.entry("members", EnumSet.noneOf(Action.class)));

    private static Set<Action> with(Set<Action> base, Action... more) {
        Set<Action> all = EnumSet.copyOf(base);
        all.addAll(List.of(more));
        return all;
    }

    static Stream<Arguments> table() {
        List<Arguments> cases = new ArrayList<>();
        EXPECTED.forEach((role, allowed) -> {
            for (Action action : Action.values()) {
                cases.add(Arguments.of(role, action, allowed.contains(action)));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "role \"{0}\" {1} -> {2}")
    @MethodSource("table")
    void roleGrantsExactlyItsActions(String role, Action action, boolean allowed) {
        assertEquals(allowed, PolicyTable.allows(Set.of(role), action));
    }

    @ParameterizedTest
    @ValueSource(strings = {"creator", "observer", "audit", "reader", "key-manager:service-admin"})
    void onlyAdminAndMemberDeleteOrders(String role) {
        assertFalse(PolicyTable.allows(Set.of(role), ORDER_DELETE));
        assertEquals(Set.of("admin", "member"), PolicyTable.rolesFor(ORDER_DELETE));
    }

    @Test
    void onlyServiceAdminsManageProjectQuotasAndOnlyAdminChoosesTheStore() {
        for (Action action : PROJECT_QUOTAS) {
            assertEquals(Set.of("key-manager:service-admin"), PolicyTable.rolesFor(action), action.name());
        }
        assertEquals(Set.of("admin"), PolicyTable.rolesFor(PREFERRED_STORE_SET));
        assertEquals(Set.of("admin"), PolicyTable.rolesFor(PREFERRED_STORE_REMOVE));
    }

    @Test
    void everyRoleSeesItsOwnQuotasAndTheStores() {
        for (String role : List.of("admin", "creator", "member", "observer", "audit", "reader",
                "key-manager:service-admin")) {
            assertTrue(PolicyTable.allows(Set.of(role), QUOTA_READ), role);
            assertTrue(PolicyTable.allows(Set.of(role), STORE_READ), role);
        }
        assertFalse(PolicyTable.allows(Set.of("nobody"), QUOTA_READ));
    }

    @Test
    void auditSeesMetadataButNeverPayloadOrListings() {
        Set<String> audit = Set.of("audit");
        assertTrue(PolicyTable.allows(audit, SECRET_READ_METADATA));
        assertFalse(PolicyTable.allows(audit, SECRET_READ_PAYLOAD));
        assertFalse(PolicyTable.allows(audit, SECRET_LIST));
        assertFalse(PolicyTable.allows(audit, ORDER_LIST));
        assertFalse(PolicyTable.allows(audit, CONTAINER_LIST));
    }

    @Test
    void readerTouchesNoSecret() {
        for (Action action : Action.values()) {
            if (action.name().startsWith("SECRET_")) {
                assertFalse(PolicyTable.allows(Set.of("reader"), action), action.name());
            }
        }
    }

    @Test
    void rolesCombine() {
        assertTrue(PolicyTable.allows(Set.of("audit", "observer"), SECRET_READ_PAYLOAD));
        assertTrue(PolicyTable.allows(Set.of("unknown", "Member"), SECRET_CREATE));
        assertFalse(PolicyTable.allows(Set.of("audit", "reader"), SECRET_READ_PAYLOAD));
        assertFalse(PolicyTable.allows(Set.of(), SECRET_READ_METADATA));
    }

    /** What the service admin sees across projects besides master keys: grants and trusts, never material. */
    private static final Set<Action> SERVICE_WIDE_VIEWS = EnumSet.of(GRANT_LIST, TRUST_LIST);

    /** Across every project, only Barbican's service admin acts: master keys, KEKs, rotations, grant and trust listings. */
    static Stream<Arguments> serviceWideTable() {
        List<Arguments> cases = new ArrayList<>();
        for (String role : List.of("key-manager:service-admin", "KEY-MANAGER:SERVICE-ADMIN", "admin", "creator",
                "member", "observer", "audit", "reader", "unknown")) {
            boolean serviceAdmin = role.equalsIgnoreCase("key-manager:service-admin");
            for (Action action : Action.values()) {
                cases.add(Arguments.of(role, action, serviceAdmin
                        && (ROTATION_ACTIONS.contains(action) || SERVICE_WIDE_VIEWS.contains(action)
                        || action == INVENTORY_READ)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "role \"{0}\" {1} on every project -> {2}")
    @MethodSource("serviceWideTable")
    void serviceWideRolesGrantExactlyTheirActions(String role, Action action, boolean allowed) {
        assertEquals(allowed, PolicyTable.allowsServiceWide(Set.of(role), action));
    }

    @Test
    void aProjectAdminRotatesItsKekButNoRoleWithinAProjectTouchesMasterKeys() {
        assertTrue(PolicyTable.allows(Set.of("admin"), KEK_ROTATE));
        assertEquals(Set.of(), PolicyTable.rolesFor(MASTER_KEY_MANAGE));
        assertEquals(Set.of(), PolicyTable.rolesFor(MASTER_KEY_READ));
        assertEquals(Set.of("key-manager:service-admin"), PolicyTable.serviceWideRolesFor(MASTER_KEY_MANAGE));
        assertEquals(Set.of(), PolicyTable.serviceWideRolesFor(SECRET_READ_PAYLOAD));
    }

    @Test
    void everyProjectActionIsGrantedToAdminAndNamesItsRoles() {
        for (Action action : Action.values()) {
            assertEquals(ADMIN_ACTIONS.contains(action), PolicyTable.rolesFor(action).contains("admin"), action.name());
        }
        assertEquals(Set.of("admin", "creator", "member"), PolicyTable.rolesFor(SECRET_CREATE));
        assertEquals(Set.of("admin", "creator", "member", "observer"), PolicyTable.rolesFor(SECRET_READ_PAYLOAD));
        assertEquals(Set.of("admin", "creator", "member", "observer", "audit", "key-manager:service-admin"),
                PolicyTable.rolesFor(SECRET_READ_METADATA));
    }
}
