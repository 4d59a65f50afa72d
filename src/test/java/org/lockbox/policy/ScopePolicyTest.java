package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.policy.Action.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockbox.policy.ScopePolicy.Relation;

/**
 * The scope table written out independently, as the README states it: scope x relation x role x
 * action, for every role and every action that names one key.
 */
class ScopePolicyTest {

    private static final List<Action> KEY_ACTIONS = List.of(SECRET_READ_METADATA, SECRET_READ_PAYLOAD, SECRET_UPDATE,
            SECRET_DELETE, SECRET_CONSUMER_LIST, SECRET_CONSUMER_CREATE, SECRET_CONSUMER_DELETE, SECRET_CLONE,
            SECRET_ACL_READ, SECRET_ACL_UPDATE, GROUP_MANAGE);
    private static final List<String> ROLES = List.of("admin", "creator", "member", "observer", "audit", "reader",
            "key-manager:service-admin", "nobody");

    /** The README's table, cell by cell. */
    static boolean expected(Scope scope, Relation relation, String role, Action action) {
        boolean roles = PolicyTable.allows(Set.of(role), action);
        boolean admin = role.equals("admin");
        boolean payload = action == SECRET_READ_PAYLOAD || action == SECRET_CLONE;
        boolean change = action == SECRET_UPDATE || action == SECRET_DELETE || action == SECRET_ACL_UPDATE
                || action == SECRET_CONSUMER_CREATE || action == SECRET_CONSUMER_DELETE || action == GROUP_MANAGE;
        return switch (relation) {
            case OUTSIDE -> false;
            case OWNER -> roles;
            case PROJECT -> scope == Scope.USER ? admin && !payload : roles;
            case DOMAIN -> scope == Scope.DOMAIN && !change && roles;
        };
    }

    static Stream<Arguments> cells() {
        List<Arguments> cases = new ArrayList<>();
        for (Scope scope : Scope.values()) {
            for (Relation relation : Relation.values()) {
                for (String role : ROLES) {
                    for (Action action : KEY_ACTIONS) {
                        cases.add(Arguments.of(scope, relation, role, action, expected(scope, relation, role, action)));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} key, {1}, role {2}, {3} -> {4}")
    @MethodSource("cells")
    void everyCellOfTheTable(Scope scope, Relation relation, String role, Action action, boolean allowed) {
        assertEquals(allowed, ScopePolicy.allows(scope, relation, Set.of(role), action));
    }

    @Test
    void whatACallerMayNotSeeIsConcealedRatherThanRefused() {
        assertTrue(ScopePolicy.visible(Scope.PROJECT, Relation.PROJECT, Set.of("reader")),
                "a reader of the project knows the key exists and gets 403 from the role table");
        assertFalse(ScopePolicy.visible(Scope.USER, Relation.PROJECT, Set.of("member")));
        assertTrue(ScopePolicy.visible(Scope.USER, Relation.PROJECT, Set.of("admin")));
        assertFalse(ScopePolicy.visible(Scope.PROJECT, Relation.DOMAIN, Set.of("admin")));
        assertTrue(ScopePolicy.visible(Scope.DOMAIN, Relation.DOMAIN, Set.of("member")));
        for (Scope scope : Scope.values()) {
            assertFalse(ScopePolicy.visible(scope, Relation.OUTSIDE, Set.of("admin")), scope.name());
        }
    }

    @Test
    void onlyAdminsCreateDomainKeysAndOtherScopesFollowTheRoleTable() {
        assertTrue(ScopePolicy.mayCreate(Scope.DOMAIN, Set.of("admin")));
        assertFalse(ScopePolicy.mayCreate(Scope.DOMAIN, Set.of("member")));
        for (Scope scope : EnumSet.of(Scope.ENTITY, Scope.USER, Scope.PROJECT)) {
            assertTrue(ScopePolicy.mayCreate(scope, Set.of("member")), scope.name());
            assertFalse(ScopePolicy.mayCreate(scope, Set.of("observer")), scope.name());
        }
    }

    @Test
    void otherUsersKeysOfAUserScopeAreHiddenFromListingsExceptFromAdmins() {
        assertEquals(EnumSet.of(Scope.USER), ScopePolicy.hiddenFromOtherUsers(Set.of("member")));
        assertEquals(EnumSet.noneOf(Scope.class), ScopePolicy.hiddenFromOtherUsers(Set.of("admin")));
    }

    @Test
    void listingConsumersAndMetadataIsSeeingPayloadIsReadingTheRestIsChanging() {
        assertEquals(ScopePolicy.Use.METADATA, ScopePolicy.use(SECRET_CONSUMER_LIST));
        assertEquals(ScopePolicy.Use.CHANGE, ScopePolicy.use(SECRET_CONSUMER_CREATE), "registering a consumer");
        assertEquals(ScopePolicy.Use.CHANGE, ScopePolicy.use(SECRET_CONSUMER_DELETE));
        assertEquals(ScopePolicy.Use.CHANGE, ScopePolicy.use(GROUP_MANAGE), "putting a key in a group");
        assertEquals(ScopePolicy.Use.PAYLOAD, ScopePolicy.use(SECRET_READ_PAYLOAD));
        assertEquals(ScopePolicy.Use.CHANGE, ScopePolicy.use(SECRET_DELETE));
        assertEquals(ScopePolicy.Use.CHANGE, ScopePolicy.use(SECRET_UPDATE));
        assertEquals(ScopePolicy.Use.PAYLOAD, ScopePolicy.use(SECRET_CLONE), "a clone reads the material");
        assertEquals(ScopePolicy.Use.CHANGE, ScopePolicy.use(SECRET_ACL_UPDATE));
        assertEquals(ScopePolicy.Use.METADATA, ScopePolicy.use(SECRET_ACL_READ));
    }
}
