package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

public final class ApiAssertions {

    private ApiAssertions() {
    }

    public static ApiException assertStatus(int status, Executable executable) {
        ApiException e = assertThrows(ApiException.class, executable);
        assertEquals(status, e.status(), e.getMessage());
        return e;
    }

    public static ApiException assertBadRequest(Executable executable) {
        return assertStatus(400, executable);
    }
}
