package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;

import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import org.lockbox.api.secret.SecretsResource;

/** Route templates as the request metrics tag them: class and method @Path joined, ids left as {names}. */
class RequestMetricsTest {

    @Test
    void joinsClassAndMethodPathsIntoOneAbsoluteTemplate() throws NoSuchMethodException {
        Path secrets = SecretsResource.class.getAnnotation(Path.class);
        Method payload = SecretsResource.class.getMethod("payload", String.class, String.class);
        assertEquals("/v1/secrets/{id}/payload", RequestMetrics.template(secrets, payload.getAnnotation(Path.class)));
        assertEquals("/v1/secrets", RequestMetrics.template(secrets, null));
        Path root = VersionResource.class.getAnnotation(Path.class);
        assertEquals("/", RequestMetrics.template(root, null));
        assertEquals("/v1", RequestMetrics.template(root, path("v1")));
        assertEquals("/v1/secrets/{id}", RequestMetrics.template(path("/v1/secrets/"), path("/{id}/")));
    }

    private static Path path(String value) {
        return new Path() {
            @Override
            public String value() {
                return value;
            }

            @Override
            public Class<Path> annotationType() {
                return Path.class;
            }
        };
    }
}
