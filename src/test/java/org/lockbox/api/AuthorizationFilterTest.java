package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.lockbox.identity.AuthenticationException;
import org.lockbox.identity.Caller;
import org.lockbox.identity.CurrentCaller;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.Action;
import org.lockbox.policy.Authorizer;
import org.lockbox.policy.PolicyTable;
import org.lockbox.policy.Public;
import org.lockbox.policy.Requires;
import org.lockbox.policy.Requires.Where;

/**
 * The filter asks the policy table what the matched endpoint declares, for each place it names, and
 * refuses an endpoint that declares nothing.
 */
class AuthorizationFilterTest {

    @Test
    void theDeclaredActionIsRequiredOfTheCaller() {
        assertDoesNotThrow(() -> filter("list", caller("p1", "creator"), null));
        AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                () -> filter("list", caller("p1", "reader"), null));
        assertEquals("None of the caller's roles allows secret list; it needs one of "
                + PolicyTable.rolesFor(Action.SECRET_LIST), refused.getMessage(), "the message the caller sees");
    }

    @Test
    void aTokenScopedToAProjectIsRequiredByDefault() {
        assertThrows(AccessDeniedException.class, () -> filter("list", caller(null, "admin"), null));
    }

    @Test
    void everyProjectNeedsAServiceWideRoleWhateverTheScope() {
        assertDoesNotThrow(() -> filter("masterKeys", caller(null, PolicyTable.SERVICE_ADMIN), null));
        assertThrows(AccessDeniedException.class, () -> filter("masterKeys", caller("p1", "admin"), null));
    }

    @Test
    void tokenProjectOrEveryProjectTakesEither() {
        assertDoesNotThrow(() -> filter("audit", caller(null, PolicyTable.SERVICE_ADMIN), null));
        assertDoesNotThrow(() -> filter("audit", caller("p1", "audit"), null));
        assertThrows(AccessDeniedException.class, () -> filter("audit", caller("p1", "creator"), null));
    }

    @Test
    void thePathsProjectIsTheOneRequired() {
        assertDoesNotThrow(() -> filter("kek", caller("p1", "admin"), "p1"));
        assertThrows(AccessDeniedException.class, () -> filter("kek", caller("p1", "admin"), "p2"));
        assertDoesNotThrow(() -> filter("kek", caller(null, PolicyTable.SERVICE_ADMIN), "p2"));
    }

    @Test
    void perKeyAndBodyDependentRequirementsAreLeftToTheEndpoint() {
        assertDoesNotThrow(() -> filter("payload", caller("p1", "reader"), null),
                "a user on a read ACL may read from any project, whatever their roles");
        assertDoesNotThrow(() -> filter("create", caller("p1", "reader"), null),
                "another project's write-only grant may let the caller create");
    }

    @Test
    void anEndpointThatDeclaresNothingServesNobody() {
        assertThrows(AccessDeniedException.class, () -> filter("undeclared", caller("p1", "admin"), null));
    }

    @Test
    void aPublicEndpointAsksForNoCaller() {
        assertDoesNotThrow(() -> filter("open", null, null));
        assertThrows(AuthenticationException.class, () -> filter("list", null, null),
                "a declared action needs an authenticated caller");
    }

    private static void filter(String endpoint, Caller caller, String pathProject) throws Exception {
        AuthorizationFilter filter = new AuthorizationFilter();
        Method method = Endpoints.class.getDeclaredMethod(endpoint);
        filter.resource = new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method;
            }

            @Override
            public Class<?> getResourceClass() {
                return Endpoints.class;
            }
        };
        filter.authorizer = new Authorizer();
        filter.currentCaller = new CurrentCaller();
        if (caller != null) {
            filter.currentCaller.set(caller);
        }
        MultivaluedHashMap<String, String> path = new MultivaluedHashMap<>();
        if (pathProject != null) {
            path.putSingle("project", pathProject);
        }
        UriInfo uri = stub(UriInfo.class, "getPathParameters", path);
        filter.filter(stub(ContainerRequestContext.class, "getUriInfo", uri));
    }

    /** An implementation of the interface that answers one method and nothing else. */
    private static <T> T stub(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return answer;
            }
            throw new UnsupportedOperationException(called.getName());
        }));
    }

    private static Caller caller(String projectId, String role) {
        return new Caller("user-1", projectId, null, Set.of(role), null, OffsetDateTime.now().plusHours(1),
                List.of("audit-1"));
    }

    /** Endpoints as resources declare them. */
    @SuppressWarnings("unused")
    private static final class Endpoints {

        @Requires(Action.SECRET_LIST)
        void list() {
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

        @Public
        void open() {
        }

        void undeclared() {
        }
    }
}
