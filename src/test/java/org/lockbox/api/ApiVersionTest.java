package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.api.ApiAssertions.assertStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiVersionTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "compute 2.1", "key-manager 1.0", "identity 3.14, volume 3.0"})
    void withoutAKeyManagerEntryTheVersionIsOneZero(String header) {
        assertEquals(ApiVersion.V1_0, ApiVersion.requested(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-manager 1.1", "key-manager latest", "Key-Manager LATEST", "compute 2.1,key-manager 1.1",
            " key-manager   1.1 "})
    void askingForOneOneOrLatestGivesOneOne(String header) {
        assertEquals(ApiVersion.V1_1, ApiVersion.requested(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-manager 1.2", "key-manager 0.9", "key-manager 1", "key-manager v1.1", "key-manager",
            "key-manager 1.1 extra"})
    void unknownVersionsAreNotAcceptable(String header) {
        assertStatus(406, () -> ApiVersion.requested(header));
    }

    @Test
    void ordersAndWritesVersions() {
        assertTrue(ApiVersion.V1_1.atLeast(ApiVersion.V1_0));
        assertTrue(ApiVersion.V1_1.atLeast(ApiVersion.V1_1));
        assertFalse(ApiVersion.V1_0.atLeast(ApiVersion.V1_1));
        assertEquals("key-manager 1.1", ApiVersion.V1_1.headerValue());
    }
}
