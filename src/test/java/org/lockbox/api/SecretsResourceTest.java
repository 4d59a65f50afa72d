package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which Accept headers admit a stored payload's content type. */
class SecretsResourceTest {

    @Test
    void acceptHeaderAgainstStoredType() {
        String octet = "application/octet-stream";
        String text = "text/plain";

        assertTrue(SecretsResource.acceptable(null, octet));
        assertTrue(SecretsResource.acceptable("", octet));
        assertTrue(SecretsResource.acceptable("  ", octet));
        assertTrue(SecretsResource.acceptable("*/*", octet));
        assertTrue(SecretsResource.acceptable("application/octet-stream", octet));
        assertTrue(SecretsResource.acceptable("Application/Octet-Stream", octet));
        assertTrue(SecretsResource.acceptable("application/*", octet));
        assertTrue(SecretsResource.acceptable("application/json, application/octet-stream;q=0.5", octet));
        assertTrue(SecretsResource.acceptable("text/plain", text));
        assertTrue(SecretsResource.acceptable("text/plain; charset=utf-8", text));
        assertTrue(SecretsResource.acceptable("text/*", text));

        assertFalse(SecretsResource.acceptable("text/plain", octet));
        assertFalse(SecretsResource.acceptable("text/*", octet));
        assertFalse(SecretsResource.acceptable("application/json", octet));
        assertFalse(SecretsResource.acceptable("application/pkcs8", octet));
        assertFalse(SecretsResource.acceptable("application/octet-stream", text));
        assertFalse(SecretsResource.acceptable("application/octet", octet));
        assertFalse(SecretsResource.acceptable("/*", octet));
    }
}
