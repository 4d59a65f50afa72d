package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lockbox.identity.Caller;

class AuthorizerTest {

    private final Authorizer authorizer = new Authorizer();

    @Test
    void projectScopedCallerWithAGrantingRoleIsAllowed() {
        assertDoesNotThrow(() -> authorizer.require(caller("project-1", null, "creator"), Action.SECRET_CREATE));
        assertDoesNotThrow(() -> authorizer.require(caller("project-1", null, "Member"), Action.SECRET_DELETE));
        assertDoesNotThrow(() -> authorizer.require(caller("project-1", null, "admin"), Action.ORDER_DELETE));
    }

    @Test
    void domainScopedCallerIsDeniedEvenAsAdmin() {
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller(null, "domain-1", "admin"), Action.SECRET_LIST));
        assertTrue(e.getMessage().contains("project-scoped"), e.getMessage());
        assertTrue(e.getMessage().contains("secret list"), e.getMessage());
    }

    @Test
    void unscopedCallerIsDenied() {
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller(null, null, "admin"), Action.SECRET_READ_METADATA));
    }

    @Test
    void roleThatDoesNotAllowIsDenied() {
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("project-1", null, "observer"), Action.SECRET_CREATE));
        assertTrue(e.getMessage().contains("secret create"), e.getMessage());
        assertTrue(e.getMessage().contains("creator"), e.getMessage());
        assertFalse(e.getMessage().contains("project-1"), e.getMessage());

        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("project-1", null, "audit"), Action.SECRET_READ_PAYLOAD));
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("project-1", null, "creator"), Action.ORDER_DELETE));
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("project-1", null, "reader"), Action.SECRET_READ_METADATA));
    }

    @Test
    void callerWithoutRolesIsDenied() {
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(new Caller("user-1", "project-1", null, Set.of(), null,
                        OffsetDateTime.now().plusHours(1), List.of()), Action.SECRET_READ_METADATA));
    }

    @Test
    void masterKeysNeedTheServiceAdminRoleWhateverTheScope() {
        assertDoesNotThrow(() -> authorizer.requireServiceWide(caller(null, null, "key-manager:service-admin"),
                Action.MASTER_KEY_MANAGE));
        assertDoesNotThrow(() -> authorizer.requireServiceWide(caller("service", null, "key-manager:service-admin"),
                Action.MASTER_KEY_READ));
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> authorizer.requireServiceWide(caller("project-1", null, "admin"), Action.MASTER_KEY_MANAGE));
        assertTrue(e.getMessage().contains("key-manager:service-admin"), e.getMessage());
        assertTrue(e.getMessage().contains("master key manage"), e.getMessage());
    }

    @Test
    void aProjectsKekIsRotatedByItsOwnAdminOrAServiceAdmin() {
        assertDoesNotThrow(() -> authorizer.requireOnProject(caller("project-1", null, "admin"), Action.KEK_ROTATE,
                "project-1"));
        assertDoesNotThrow(() -> authorizer.requireOnProject(caller(null, null, "key-manager:service-admin"),
                Action.KEK_ROTATE, "project-1"));
        AccessDeniedException other = assertThrows(AccessDeniedException.class,
                () -> authorizer.requireOnProject(caller("project-2", null, "admin"), Action.KEK_ROTATE, "project-1"));
        assertTrue(other.getMessage().contains("scoped to the project"), other.getMessage());
        assertThrows(AccessDeniedException.class,
                () -> authorizer.requireOnProject(caller("project-1", null, "creator"), Action.KEK_ROTATE, "project-1"));
        assertThrows(AccessDeniedException.class,
                () -> authorizer.requireOnProject(caller(null, "domain-1", "admin"), Action.KEK_READ, "project-1"));
        assertTrue(authorizer.allowsServiceWide(caller(null, null, "key-manager:service-admin"), Action.ROTATION_READ));
        assertFalse(authorizer.allowsServiceWide(caller("project-1", null, "admin"), Action.ROTATION_READ));
    }

    private static Caller caller(String projectId, String domainId, String role) {
        return new Caller("user-1", projectId, domainId, Set.of(role), null, OffsetDateTime.now().plusHours(1),
                List.of("audit-1"));
    }
}
