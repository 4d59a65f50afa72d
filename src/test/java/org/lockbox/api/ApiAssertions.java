package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

final class ApiAssertions {

    private ApiAssertions() {
    }

    static ApiException assertStatus(int status, Executable executable) {
        ApiException e = assertThrows(ApiException.class, executable);
        assertEquals(status, e.status(), e.getMessage());
        return e;
    }

    static ApiException assertBadRequest(Executable executable) {
        return assertStatus(400, executable);
    }
}
