package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.json.JsonValue;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.Test;

import org.lockbox.api.secret.SecretsResource;

/**
 * The OpenAPI annotations describe the records the resource methods really take and return: a JSON request
 * body's schema is the method's entity parameter, a success answer's schema is the method's return type, and
 * every request record binds each of its fields.
 */
class OpenApiContractTest {

    private static final List<Class<?>> PARAMETER_ANNOTATIONS = List.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class, Context.class);

    @Test
    void findsTheResourceMethods() throws Exception {
        List<Method> methods = resourceMethods();
        assertTrue(methods.size() > 60, "resource methods found: " + methods.size());
        assertTrue(methods.stream().anyMatch(m -> m.getDeclaringClass() == SecretsResource.class
                && m.getName().equals("create")));
    }

    @Test
    void aJsonRequestBodyIsTheRecordTheMethodTakes() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Method method : resourceMethods()) {
            Optional<Parameter> entity = entity(method);
            RequestBody body = method.getAnnotation(RequestBody.class);
            Optional<Class<?>> documented = jsonSchema(body == null ? null : body.content());
            if (documented.isPresent() && entity.isPresent() && entity.get().getType() == String.class
                    && !body.required()) {
                // an optional body of any media type arrives as text, which the method binds into the record
                if (!documented.get().isAnnotationPresent(JsonRequest.class)) {
                    wrong.add(name(method) + " binds its text into " + documented.get().getSimpleName()
                            + ", which is not a request record");
                }
            } else if (documented.isPresent() && (entity.isEmpty() || entity.get().getType() != documented.get())) {
                wrong.add(name(method) + " documents " + documented.get().getSimpleName() + " but takes "
                        + entity.map(p -> p.getType().getSimpleName()).orElse("no body"));
            }
            if (entity.isPresent() && entity.get().getType().isRecord() && documented.isEmpty()) {
                wrong.add(name(method) + " takes " + entity.get().getType().getSimpleName() + " undocumented");
            }
            if (entity.isPresent() && JsonValue.class.isAssignableFrom(entity.get().getType())) {
                wrong.add(name(method) + " reads a body without its record");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aSuccessAnswerIsTheRecordTheMethodReturns() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Method method : resourceMethods()) {
            Class<?> returned = method.getReturnType();
            if (Map.class.isAssignableFrom(returned)) {
                wrong.add(name(method) + " answers with a map");
            }
            if (returned == Response.class || returned == void.class) {
                continue;
            }
            for (APIResponse response : method.getAnnotationsByType(APIResponse.class)) {
                Optional<Class<?>> documented = jsonSchema(response.content());
                Class<?> answered = isArray(response.content()) ? listItem(method) : returned;
                if (response.responseCode().startsWith("2") && documented.isPresent() && documented.get() != answered) {
                    wrong.add(name(method) + " documents " + documented.get().getSimpleName() + " but returns "
                            + method.getGenericReturnType().getTypeName());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyRequestRecordBindsAllItsFields() throws Exception {
        List<Class<?>> records = resourceMethods().stream().map(OpenApiContractTest::entity).flatMap(Optional::stream)
                .map(Parameter::getType).filter(Class::isRecord).distinct().toList();
        assertFalse(records.isEmpty());
        records.forEach(OpenApiContractTest::assertBindable);
    }

    private static void assertBindable(Class<?> type) {
        assertTrue(type.isAnnotationPresent(JsonRequest.class), type.getSimpleName() + " is not a request record");
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> field = component.getType();
            String where = type.getSimpleName() + "." + component.getName();
            if (field == List.class) {
                assertTrue(hasJsonList(component), where + " is a list without its messages");
                field = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            }
            if (field.isAnnotationPresent(JsonRequest.class)) {
                assertBindable(field);
            } else {
                assertTrue(field == String.class || field == Integer.class || field == Boolean.class
                        || JsonValue.class.isAssignableFrom(field), where + " has no JSON binding");
            }
        }
    }

    private static boolean hasJsonList(RecordComponent component) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName())
                    .isAnnotationPresent(JsonList.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** The schema a JSON content documents, if it names an implementation class. */
    private static Optional<Class<?>> jsonSchema(Content[] contents) {
        if (contents == null) {
            return Optional.empty();
        }
        return Arrays.stream(contents)
                .filter(c -> c.mediaType().isEmpty() || c.mediaType().equals(MediaType.APPLICATION_JSON))
                .map(c -> c.schema().implementation())
                .filter(type -> type != Void.class)
                .<Class<?>>map(type -> type)
                .findFirst();
    }

    private static boolean isArray(Content[] contents) {
        return Arrays.stream(contents).anyMatch(c -> c.schema().type() == SchemaType.ARRAY);
    }

    /** The item type of a method that returns a list, else Void. */
    private static Class<?> listItem(Method method) {
        return method.getGenericReturnType() instanceof ParameterizedType list && List.class == list.getRawType()
                && list.getActualTypeArguments()[0] instanceof Class<?> item ? item : Void.class;
    }

    private static Optional<Parameter> entity(Method method) {
        return Arrays.stream(method.getParameters())
                .filter(p -> Arrays.stream(p.getAnnotations())
                        .noneMatch(a -> PARAMETER_ANNOTATIONS.contains(a.annotationType())))
                .findFirst();
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    /** Every method of the api package and its subpackages that answers an HTTP method where it is declared. */
    private static List<Method> resourceMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(ErrorMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/lockbox/api"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = classes.relativize(file).toString();
                Class<?> type = Class.forName(relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), "."));
                if (type.isAnonymousClass()) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (Arrays.stream(method.getAnnotations())
                            .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
                        methods.add(method);
                    }
                }
            }
        }
        return methods;
    }
}
