package org.lockbox.api;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/** Finds where a resource method's JAX-RS annotations are declared: on it, or on the method it overrides. */
public final class JaxRsMethods {

    private JaxRsMethods() {
    }

    /**
     * The declaration of the method, as the resource class serves it, that carries its path or HTTP
     * method (JAX-RS inherits them when an override carries none); empty for a method that is no endpoint.
     */
    public static Optional<Method> declaration(Class<?> resource, Method method) {
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Method declared = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (declared.isAnnotationPresent(Path.class) || Stream.of(declared.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
                    return Optional.of(declared);
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level
            }
        }
        return Optional.empty();
    }
}
