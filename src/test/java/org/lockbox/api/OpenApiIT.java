package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;

/**
 * The server's OpenAPI document describes every JAX-RS operation of the application (found by
 * reflection over the compiled resources), each with a summary, a tag, its documented responses,
 * described path parameters and a request body where the method takes one, and nothing else.
 */
class OpenApiIT {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/:]+)[^}]*}");
    private static JsonObject document;

    /** One JAX-RS operation of the application: method, path, and the Java method serving it. */
    record Endpoint(String method, String path, Method javaMethod) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            return (path + " " + method).compareTo(other.path + " " + other.method);
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    @BeforeAll
    static void fetchTheDocument() {
        Reply reply = Lockbox.send(Lockbox.request("/openapi").header("Accept", "application/json").GET());
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        document = reply.json();
    }

    @Test
    void isServedAsJsonByQueryParameterToo() {
        Reply reply = Lockbox.send(Lockbox.request("/openapi?format=JSON").GET());
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(document.getJsonObject("paths").keySet(), reply.json().getJsonObject("paths").keySet());
        assertTrue(document.getString("openapi").startsWith("3."));
        assertEquals("Lockbox", document.getJsonObject("info").getString("title"));
    }

    @Test
    void sharedErrorResponsesAreBarbicanErrorBodies() {
        JsonObject components = document.getJsonObject("components");
        JsonObject shared = components.getJsonObject("responses");
        assertEquals(Set.of("BadRequest", "Unauthorized", "Forbidden", "QuotaReached", "NotFound", "NotAcceptable",
                "Conflict", "TooLarge", "UnsupportedMediaType", "Unavailable"), shared.keySet());
        shared.forEach((name, response) -> assertEquals("#/components/schemas/ErrorBody",
                response.asJsonObject().getJsonObject("content").getJsonObject("application/json")
                        .getJsonObject("schema").getString("$ref"), name));
        assertEquals(Set.of("code", "title", "description"),
                components.getJsonObject("schemas").getJsonObject("ErrorBody").getJsonObject("properties").keySet());
    }

    @Test
    void describesExactlyTheApplicationsOperations() throws Exception {
        Set<String> inApplication = endpoints().stream().map(Endpoint::toString).collect(Collectors.toCollection(TreeSet::new));
        Set<String> inDocument = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key))
                .forEach(method -> inDocument.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        assertTrue(inApplication.size() >= 40, "the scan finds the resources: " + inApplication);
        assertEquals(inApplication, inDocument);
    }

    @Test
    void documentsEveryOperation() throws Exception {
        Set<String> tags = document.getJsonArray("tags").stream().map(t -> t.asJsonObject().getString("name"))
                .collect(Collectors.toSet());
        JsonObject sharedResponses = document.getJsonObject("components").getJsonObject("responses");
        List<String> problems = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            JsonObject operation = document.getJsonObject("paths").getJsonObject(endpoint.path())
                    .getJsonObject(endpoint.method());
            String where = endpoint + ": ";
            if (operation.getString("summary", "").isBlank()) {
                problems.add(where + "no summary");
            }
            if (!operation.containsKey("tags") || operation.getJsonArray("tags").isEmpty()
                    || !tags.containsAll(operation.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString))) {
                problems.add(where + "no declared tag");
            }
            JsonObject responses = operation.getJsonObject("responses");
            if (responses == null || responses.keySet().stream().noneMatch(code -> code.matches("[23]\\d\\d"))) {
                problems.add(where + "no success response");
            } else {
                responses.forEach((code, response) -> {
                    JsonObject body = response.asJsonObject();
                    if (body.containsKey("$ref")) {
                        String name = body.getString("$ref").replace("#/components/responses/", "");
                        if (!sharedResponses.containsKey(name)) {
                            problems.add(where + code + " refers to an undefined response " + name);
                        }
                    } else if (body.getString("description", "").isBlank()) {
                        problems.add(where + code + " has no description");
                    }
                });
                if (!endpoint.path().equals("/") && !endpoint.path().equals("/v1") && !responses.containsKey("401")) {
                    problems.add(where + "the 401 of a missing token is not documented");
                }
            }
            Matcher templates = TEMPLATE.matcher(endpoint.path());
            while (templates.find()) {
                String name = templates.group(1);
                JsonObject item = document.getJsonObject("paths").getJsonObject(endpoint.path());
                boolean described = Stream.of(operation, item).filter(o -> o.containsKey("parameters"))
                        .flatMap(o -> o.getJsonArray("parameters").stream()).map(JsonValue::asJsonObject)
                        .anyMatch(p -> p.getString("name").equals(name) && p.getString("in").equals("path")
                                && !p.getString("description", "").isBlank());
                if (!described) {
                    problems.add(where + "path parameter " + name + " is not described");
                }
            }
            if (takesABody(endpoint.javaMethod()) && !operation.containsKey("requestBody")) {
                problems.add(where + "no request body");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void namesPropertiesAsTheApiWritesThem() {
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertTrue(schemas.getJsonObject("Secret").getJsonObject("properties").containsKey("secret_ref"));
        assertTrue(schemas.getJsonObject("Secret").getJsonObject("properties").containsKey("bit_length"));
        assertTrue(schemas.getJsonObject("ContainerConsumer").getJsonObject("properties").containsKey("URL"));
        assertTrue(schemas.getJsonObject("ErrorBody").getJsonObject("properties").keySet()
                .containsAll(Set.of("code", "title", "description")));
    }

    /** Every resource method of the compiled application, found by reflection. */
    static List<Endpoint> endpoints() throws IOException, URISyntaxException, ClassNotFoundException {
        String root = path(LockboxApplication.class.getAnnotation(ApplicationPath.class).value());
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            jakarta.ws.rs.Path typePath = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (typePath == null) {
                continue;
            }
            for (Method served : type.getMethods()) {
                Method method = JaxRsMethods.declaration(type, served).orElse(null);
                String httpMethod = method == null ? null : httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                String full = path(root + "/" + typePath.value() + (methodPath == null ? "" : "/" + methodPath.value()));
                endpoints.add(new Endpoint(httpMethod.toLowerCase(Locale.ROOT), full, method));
            }
        }
        Collections.sort(endpoints);
        return endpoints;
    }

    /** Every class compiled under org.lockbox (the directory the application's classes are in). */
    private static List<Class<?>> applicationClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        URL location = LockboxApplication.class.getResource(LockboxApplication.class.getSimpleName() + ".class");
        assertNotNull(location);
        Path classes = Path.of(location.toURI());
        for (int depth = LockboxApplication.class.getName().split("\\.").length; depth > 0; depth--) {
            classes = classes.getParent();
        }
        Path root = classes;
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("org/lockbox"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString();
                String name = relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem()
                        .getSeparator(), ".");
                found.add(Class.forName(name, false, OpenApiIT.class.getClassLoader()));
            }
        }
        assertFalse(found.isEmpty());
        return found;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Whether the method takes an entity: a parameter bound to nothing else. */
    private static boolean takesABody(Method method) {
        for (Parameter parameter : method.getParameters()) {
            boolean bound = Stream.of(PathParam.class, QueryParam.class, HeaderParam.class, Context.class,
                            CookieParam.class, FormParam.class, MatrixParam.class, BeanParam.class)
                    .anyMatch(parameter::isAnnotationPresent);
            if (!bound) {
                return true;
            }
        }
        return false;
    }

    private static String path(String raw) {
        String collapsed = ("/" + raw).replaceAll("/+", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}
