package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;

import org.junit.jupiter.api.Test;
import org.lockbox.audit.Audited;
import org.lockbox.policy.Action;
import org.lockbox.policy.Public;
import org.lockbox.policy.Requires;

/**
 * Every JAX-RS endpoint of the API declares its policy (@Requires or @Public) and, unless it is
 * served without a token, the action name its requests carry in the audit trail.
 */
class EndpointDeclarationsTest {

    /** The audit trail's action names: changing one changes what the trail records, and how it is queried. */
    private static final List<String> AUDIT_ACTIONS = List.of(
            "audit.cadf", "audit.list", "audit.verification",
            "container-acl.get", "container-acl.patch", "container-acl.remove", "container-acl.replace",
            "container-consumers.add", "container-consumers.list", "container-consumers.remove",
            "container-secrets.add", "container-secrets.remove",
            "containers.create", "containers.delete", "containers.get", "containers.list",
            "deletions.list", "deletions.restore",
            "grants.create", "grants.delete", "grants.get", "grants.list",
            "inventory.caller", "inventory.secret", "inventory.secrets", "inventory.summary",
            "key-groups.add", "key-groups.create", "key-groups.delete", "key-groups.get", "key-groups.list",
            "key-groups.remove",
            "master-keys.get", "master-keys.list", "master-keys.provision", "master-keys.retire",
            "orders.delete", "orders.get", "orders.list", "orders.place",
            "project-kek.get", "project-kek.rotate",
            "project-quotas.delete", "project-quotas.get", "project-quotas.list", "project-quotas.set",
            "quotas.effective",
            "rotations.get", "rotations.list",
            "secret-acl.get", "secret-acl.patch", "secret-acl.remove", "secret-acl.replace",
            "secret-clone.cloneSecret",
            "secret-consumers.add", "secret-consumers.list", "secret-consumers.remove",
            "secret-metadata.add", "secret-metadata.all", "secret-metadata.get", "secret-metadata.remove",
            "secret-metadata.replaceAll", "secret-metadata.update",
            "secret-stores.get", "secret-stores.globalDefault", "secret-stores.list", "secret-stores.prefer",
            "secret-stores.preferred", "secret-stores.removePreference",
            "secrets.create", "secrets.delete", "secrets.get", "secrets.list", "secrets.payload", "secrets.upload",
            "trusts.list");

    @Test
    void everyEndpointDeclaresItsPolicy() throws Exception {
        List<Method> endpoints = endpoints();
        assertTrue(endpoints.size() > 70, "the scan found the API's endpoints: " + endpoints.size());
        assertEquals(List.of(), endpoints.stream().filter(m -> !declaresPolicy(m)).map(EndpointDeclarationsTest::name)
                .toList(), "endpoints without @Requires or @Public");
    }

    @Test
    void onlyVersionDiscoveryIsPublic() throws Exception {
        assertEquals(List.of("VersionResource.version", "VersionResource.versions"), endpoints().stream()
                .filter(m -> AuthorizationFilter.declared(m, Public.class) != null)
                .map(EndpointDeclarationsTest::name).sorted().toList());
    }

    @Test
    void anEndpointWithoutADeclarationIsFound() {
        assertEquals(List.of("Undeclared.undeclared"), endpointsOf(Undeclared.class).stream()
                .filter(m -> !declaresPolicy(m)).map(EndpointDeclarationsTest::name).toList());
        assertEquals(3, endpointsOf(Declared.class).size(), "resource methods and sub-resource locators are found");
        assertTrue(endpointsOf(Declared.class).stream().allMatch(EndpointDeclarationsTest::declaresPolicy),
                "a declaration on the method or on its class counts");
    }

    @Test
    void auditActionNamesArePinned() throws Exception {
        List<Method> audited = endpoints().stream()
                .filter(m -> !unauthenticated(m)).toList();
        assertEquals(List.of(), audited.stream().filter(m -> m.getAnnotation(Audited.class) == null)
                .map(EndpointDeclarationsTest::name).toList(), "audited endpoints without @Audited");
        assertEquals(AUDIT_ACTIONS, audited.stream().map(AuditFilter::action).sorted().toList());
    }

    @Test
    void unauthenticatedEndpointsAreNotAudited() throws Exception {
        assertEquals(List.of(), endpoints().stream()
                .filter(m -> unauthenticated(m))
                .filter(m -> m.getAnnotation(Audited.class) != null).map(EndpointDeclarationsTest::name).toList(),
                "the audit trail records no request served without a token, so such an endpoint names no action");
    }

    private static boolean declaresPolicy(Method method) {
        return AuthorizationFilter.declared(method, Requires.class) != null
                || AuthorizationFilter.declared(method, Public.class) != null;
    }

    private static boolean unauthenticated(Method method) {
        return method.isAnnotationPresent(Unauthenticated.class)
                || method.getDeclaringClass().isAnnotationPresent(Unauthenticated.class);
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    /** The resource methods and sub-resource locators of every root resource class of the API. */
    static List<Method> endpoints() throws IOException, URISyntaxException {
        Path classes = Path.of(AuthorizationFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("org/lockbox/api");
        List<Method> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = classes.relativize(file).toString();
                Class<?> type = load(relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), "."));
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    endpoints.addAll(endpointsOf(type));
                }
            }
        }
        return endpoints;
    }

    private static List<Method> endpointsOf(Class<?> type) {
        return Stream.of(type.getDeclaredMethods()).filter(m -> !m.isSynthetic())
                .filter(m -> m.isAnnotationPresent(jakarta.ws.rs.Path.class) || Stream.of(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class)))
                .toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EndpointDeclarationsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** An endpoint that declares no policy. */
    @jakarta.ws.rs.Path("undeclared")
    static class Undeclared {

        @GET
        public String undeclared() {
            return "";
        }
    }

    /** Endpoints declared on the class, on the method, and a sub-resource locator. */
    @jakarta.ws.rs.Path("declared")
    @Requires(Action.SECRET_LIST)
    static class Declared {

        @GET
        public String byClass() {
            return "";
        }

        @POST
        @Requires(Action.SECRET_CREATE)
        public String byMethod() {
            return "";
        }

        @jakarta.ws.rs.Path("open")
        @Public
        public Object locator() {
            return this;
        }
    }
}
