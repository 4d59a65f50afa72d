package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.api.ApiAssertions.assertBadRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.lockbox.api.secret.SecretsResource;

class HrefsTest {

    private static final String BASE = "http://127.0.0.1:9311";

    @Test
    void findsTheSecretIdInAReference() {
        assertEquals("0b9f", Hrefs.secretId(BASE, BASE + "/v1/secrets/0b9f"));
        assertEquals("0b9f", Hrefs.secretId(BASE, BASE + "/v1/secrets/0b9f/"));
        assertEquals(BASE + "/v1/secrets/s/consumers", Hrefs.secretConsumers(BASE, "s"));
        assertEquals(BASE + "/v1/containers/c/consumers", Hrefs.containerConsumers(BASE, "c"));
        assertEquals(BASE + "/v1/secret-stores/x", Hrefs.secretStore(BASE, "x"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"http://localhost:9311/v1/secrets/1", "http://127.0.0.1:9311/v1/secrets",
            "http://127.0.0.1:9311/v1/secrets//", "http://127.0.0.1:9311/v1/secrets/a/b",
            "http://127.0.0.1:9311/v1/secrets/0123456789012345678901234567890123456"})
    void refusesWhatIsNotASecretOfThisServer(String ref) {
        assertNull(Hrefs.secretId(BASE, ref));
    }

    @Test
    void readsTheForceFlag() {
        assertFalse(SecretsResource.flag("force", null));
        assertFalse(SecretsResource.flag("force", "False"));
        assertTrue(SecretsResource.flag("force", "TRUE"));
        assertBadRequest(() -> SecretsResource.flag("force", "yes"));
        assertBadRequest(() -> SecretsResource.flag("force", ""));
    }
}
