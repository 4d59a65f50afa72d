package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.lockbox.identity.Caller;

/** Barbican's rules on one secret or container: project, roles, creator, admin, private ACLs and ACL readers. */
class AuthorizerTargetTest {

    private final Authorizer authorizer = new Authorizer();
    private final AccessTarget open = AccessTarget.withDefaultAcl("Secret", "p1", "alice");
    private final AccessTarget closed = new AccessTarget("Secret", "p1", "alice", false, Set.of("dave"));

    @ParameterizedTest(name = "{0} as {1} in {2} on an open secret: {4}")
    @CsvSource({
            "alice, creator,  p1, SECRET_READ_PAYLOAD,  allowed",
            "carol, creator,  p1, SECRET_READ_PAYLOAD,  allowed",
            "olive, observer, p1, SECRET_READ_PAYLOAD,  allowed",
            "audry, audit,    p1, SECRET_READ_PAYLOAD,  403",
            "audry, audit,    p1, SECRET_READ_METADATA, allowed",
            "rita,  reader,   p1, SECRET_READ_METADATA, 403",
            "carol, creator,  p2, SECRET_READ_METADATA, 404",
            "root,  admin,    p2, SECRET_READ_PAYLOAD,  404",
            "carol, creator,  p1, SECRET_ACL_UPDATE,    403",
            "alice, creator,  p1, SECRET_ACL_UPDATE,    allowed",
            "root,  admin,    p1, SECRET_ACL_UPDATE,    allowed",
            "olive, observer, p1, SECRET_ACL_READ,      allowed",
            "audry, audit,    p1, SECRET_ACL_READ,      403",
            "carol, creator,  p1, SECRET_DELETE,        allowed",
    })
    void openSecret(String user, String role, String project, Action action, String expected) {
        assertOutcome(expected, () -> authorizer.requireOn(caller(user, project, role), action, open));
    }

    @ParameterizedTest(name = "{0} as {1} in {2} on a private secret: {4}")
    @CsvSource({
            "alice, creator,  p1, SECRET_READ_PAYLOAD,  allowed",
            "root,  admin,    p1, SECRET_READ_PAYLOAD,  allowed",
            "carol, creator,  p1, SECRET_READ_PAYLOAD,  403",
            "carol, creator,  p1, SECRET_DELETE,        403",
            "carol, creator,  p1, SECRET_CLONE,         403",
            "carol, creator,  p1, SECRET_UPDATE,        allowed",
            "olive, observer, p1, SECRET_READ_METADATA, 403",
            "dave,  reader,   p9, SECRET_READ_PAYLOAD,  allowed",
            "dave,  reader,   p9, SECRET_READ_METADATA, allowed",
            "dave,  reader,   p9, SECRET_DELETE,        404",
            "dave,  admin,    p9, SECRET_ACL_READ,      404",
            "erin,  admin,    p9, SECRET_READ_PAYLOAD,  404",
    })
    void privateSecret(String user, String role, String project, Action action, String expected) {
        assertOutcome(expected, () -> authorizer.requireOn(caller(user, project, role), action, closed));
    }

    @Test
    void aConcealedRefusalSaysNotFoundAndKeepsItsReasonForTheAudit() {
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> authorizer.requireOn(caller("carol", "p2", "admin"), Action.SECRET_READ_METADATA, open));
        assertTrue(e.concealed());
        assertEquals("Secret not found.", e.getMessage());
        assertTrue(e.reason().contains("another project"), e.reason());
        assertFalse(e.getMessage().contains("p1"), "the other project is not named");
    }

    @Test
    void anUnscopedListedReaderStillReads() {
        Caller unscoped = new Caller("dave", null, null, Set.of(), null, OffsetDateTime.now().plusHours(1), List.of());
        assertDoesNotThrow(() -> authorizer.requireOn(unscoped, Action.SECRET_READ_PAYLOAD, closed));
        assertThrows(AccessDeniedException.class, () -> authorizer.requireOn(unscoped, Action.SECRET_READ_PAYLOAD, open));
    }

    private static void assertOutcome(String expected, org.junit.jupiter.api.function.Executable check) {
        if (expected.equals("allowed")) {
            assertDoesNotThrow(check);
            return;
        }
        AccessDeniedException e = assertThrows(AccessDeniedException.class, check);
        assertEquals(expected.equals("404"), e.concealed(), e.getMessage());
    }

    private static Caller caller(String user, String project, String role) {
        return new Caller(user, project, null, Set.of(role), null, OffsetDateTime.now().plusHours(1), List.of());
    }
}
