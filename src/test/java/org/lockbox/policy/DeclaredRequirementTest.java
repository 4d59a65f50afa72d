package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Requires.Where;

/** What an endpoint's declared requirement asks of the policy table, for each place it names. */
class DeclaredRequirementTest {

    private final Authorizer authorizer = new Authorizer();

    @Test
    void tokenProjectNeedsAProjectScopedGrantingRole() {
        assertDoesNotThrow(() -> authorizer.require(caller("p1", "creator"), declared("secretList"), null));
        AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("p1", "reader"), declared("secretList"), null));
        assertEquals("None of the caller's roles allows secret list; it needs one of "
                + PolicyTable.rolesFor(Action.SECRET_LIST), refused.getMessage());
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller(null, "admin"), declared("secretList"), null));
    }

    @Test
    void everyProjectNeedsAServiceWideRoleWhateverTheScope() {
        assertDoesNotThrow(() -> authorizer.require(caller(null, PolicyTable.SERVICE_ADMIN), declared("masterKeys"),
                null));
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("p1", "admin"), declared("masterKeys"), null));
    }

    @Test
    void tokenProjectOrEveryProjectTakesEither() {
        assertDoesNotThrow(() -> authorizer.require(caller(null, PolicyTable.SERVICE_ADMIN), declared("audit"), null));
        assertDoesNotThrow(() -> authorizer.require(caller("p1", "audit"), declared("audit"), null));
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("p1", "creator"), declared("audit"), null));
    }

    @Test
    void pathProjectNeedsATokenOfThatProject() {
        assertDoesNotThrow(() -> authorizer.require(caller("p1", "admin"), declared("kek"), "p1"));
        assertThrows(AccessDeniedException.class,
                () -> authorizer.require(caller("p1", "admin"), declared("kek"), "p2"));
        assertDoesNotThrow(() -> authorizer.require(caller(null, PolicyTable.SERVICE_ADMIN), declared("kek"), "p2"));
    }

    @Test
    void perKeyAndBodyDependentRequirementsAreLeftToTheEndpoint() {
        assertDoesNotThrow(() -> authorizer.require(caller("p1", "reader"), declared("payload"), null),
                "a user on a read ACL may read from any project, whatever their roles");
        assertDoesNotThrow(() -> authorizer.require(caller("p1", "reader"), declared("create"), null),
                "another project's write-only grant may let the caller create");
    }

    private static Requires declared(String method) {
        try {
            return Endpoints.class.getDeclaredMethod(method).getAnnotation(Requires.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Caller caller(String projectId, String role) {
        return new Caller("user-1", projectId, null, Set.of(role), null, OffsetDateTime.now().plusHours(1),
                List.of("audit-1"));
    }

    /** Declarations as endpoints carry them. */
    @SuppressWarnings("unused")
    private static final class Endpoints {

        @Requires(Action.SECRET_LIST)
        void secretList() {
        }

        @Requires(value = Action.MASTER_KEY_READ, where = Where.EVERY_PROJECT)
        void masterKeys() {
        }

        @Requires(value = Action.AUDIT_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
        void audit() {
        }

        @Requires(value = Action.KEK_READ, where = Where.PATH_PROJECT)
        void kek() {
        }

        @Requires(value = Action.SECRET_READ_PAYLOAD, where = Where.EACH_KEY)
        void payload() {
        }

        @Requires(value = Action.SECRET_CREATE, where = Where.BODY)
        void create() {
        }
    }
}
