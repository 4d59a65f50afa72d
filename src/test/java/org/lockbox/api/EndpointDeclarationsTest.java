package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.GET;
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
            "replicas.approve", "replicas.get", "replicas.list", "replicas.revoke",
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
        List<Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() > 70, "the scan found the API's endpoints: " + endpoints.size());
        assertEquals(List.of(), endpoints.stream().filter(m -> !declaresPolicy(m)).map(Endpoint::name)
                .toList(), "endpoints without @Requires or @Public");
    }

    @Test
    void onlyVersionDiscoveryIsPublic() throws Exception {
        assertEquals(List.of("VersionResource.version", "VersionResource.versions"), endpoints().stream()
                .filter(e -> e.declared(Public.class) != null)
                .map(Endpoint::name).sorted().toList());
    }

    @Test
    void anEndpointWithoutADeclarationIsFound() {
        assertEquals(List.of("Undeclared.undeclared"), endpointsOf(Undeclared.class).stream()
                .filter(m -> !declaresPolicy(m)).map(Endpoint::name).toList());
        assertEquals(3, endpointsOf(Declared.class).size(), "resource methods and sub-resource locators are found");
        assertTrue(endpointsOf(Declared.class).stream().allMatch(EndpointDeclarationsTest::declaresPolicy),
                "a declaration on the method or on its class counts");
    }

    @Test
    void anInheritedEndpointTakesItsResourceClassDeclarations() {
        List<Endpoint> endpoints = endpointsOf(Inheriting.class);
        assertEquals(List.of("Inheriting.change", "Inheriting.read"), endpoints.stream().map(Endpoint::name).toList());
        assertEquals(List.of("thing.change", "thing.read"), endpoints.stream().map(Endpoint::auditAction).toList());
        assertEquals(List.of(Action.SECRET_UPDATE, Action.SECRET_LIST),
                endpoints.stream().map(e -> e.declared(Requires.class).value()).toList(),
                "the override's own declaration, else its resource class's");
    }

    @Test
    void auditActionNamesArePinned() throws Exception {
        List<Endpoint> audited = endpoints().stream()
                .filter(m -> !unauthenticated(m)).toList();
        assertEquals(List.of(), audited.stream().filter(e -> AuditFilter.operation(e.method()) == null)
                .map(Endpoint::name).toList(), "audited endpoints without @Audited");
        assertEquals(AUDIT_ACTIONS, audited.stream().map(Endpoint::auditAction).sorted().toList());
    }

    @Test
    void unauthenticatedEndpointsAreNotAudited() throws Exception {
        assertEquals(List.of(), endpoints().stream()
                .filter(m -> unauthenticated(m))
                .filter(e -> AuditFilter.operation(e.method()) != null).map(Endpoint::name).toList(),
                "the audit trail records no request served without a token, so such an endpoint names no action");
    }

    private static boolean declaresPolicy(Endpoint endpoint) {
        return endpoint.declared(Requires.class) != null || endpoint.declared(Public.class) != null;
    }

    private static boolean unauthenticated(Endpoint endpoint) {
        return endpoint.declared(Unauthenticated.class) != null;
    }

    /** The resource methods and sub-resource locators of every root resource class of the API. */
    static List<Endpoint> endpoints() throws IOException, URISyntaxException {
        Path classes = Path.of(AuthorizationFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("org/lockbox/api");
        List<Endpoint> endpoints = new ArrayList<>();
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

    /**
     * The resource's endpoints, its own and inherited: each public method that carries, or overrides
     * one that carries, a JAX-RS path or HTTP method (JAX-RS inherits those annotations).
     */
    static List<Endpoint> endpointsOf(Class<?> type) {
        return Stream.of(type.getMethods()).filter(m -> !m.isSynthetic() && !m.isBridge())
                .filter(m -> JaxRsMethods.declaration(type, m).isPresent()).map(m -> new Endpoint(type, m))
                .sorted(Comparator.comparing(Endpoint::name)).toList();
    }

    /** A method as a resource class serves it: its policy and audit name may sit on either. */
    record Endpoint(Class<?> resource, Method method) {

        String name() {
            return resource.getSimpleName() + "." + method.getName();
        }

        <A extends Annotation> A declared(Class<A> type) {
            return AuthorizationFilter.declared(resource, method, type);
        }

        String auditAction() {
            return AuditFilter.action(resource, method);
        }
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

    /** Endpoints declared once in a base class, as the ACL resources are. */
    abstract static class Base {

        @Audited("read")
        @GET
        public String read() {
            return "";
        }

        @Audited("change")
        @POST
        public String change() {
            return "";
        }
    }

    /** Binds the base's endpoints to a path, with a policy of its own for one of them. */
    @jakarta.ws.rs.Path("inheriting")
    @Audited("thing")
    @Requires(Action.SECRET_UPDATE)
    static class Inheriting extends Base {

        @Override
        @Requires(Action.SECRET_LIST)
        public String read() {
            return super.read();
        }
    }
}
