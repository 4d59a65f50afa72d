package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.policy.Action.*;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lockbox.identity.Caller;
import org.lockbox.identity.ServiceIdentity;
import org.lockbox.identity.Trust;

/** The layered checks on one key: delegation, scope, ownership by service, dual lock; 403 against 404. */
class KeyAccessTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now();

    private static KeyAccess.Key key(String service, Scope scope, boolean dualLock) {
        return new KeyAccess.Key("key-1", "projA", "dom-1", service, "alice", scope, dualLock);
    }

    private static Caller user(String user, String project, String domain, String service, String... roles) {
        return new Caller(user, null, project, null, Set.of(roles), service, NOW.plusHours(1), List.of("a"), null, null,
                domain);
    }

    private static Caller withServiceToken(Caller caller, String serviceUser, String service) {
        return caller.withService(new ServiceIdentity(serviceUser, serviceUser, Set.of("service")), service);
    }

    private static Caller trustee(String trustee, String trustor, String service, String... roles) {
        Caller caller = new Caller(trustee, null, "projA", null, Set.of(roles), null, NOW.plusHours(1), List.of("a"),
                new Trust("trust-1", trustor, trustee, false, null), null, "dom-1");
        return service == null ? caller : withServiceToken(caller, trustee, service);
    }

    private static int status(Runnable check) {
        try {
            check.run();
            return 200;
        } catch (AccessDeniedException e) {
            return e.concealed() ? 404 : 403;
        }
    }

    private static int check(Caller caller, KeyAccess.Key key, Action action, KeyGrant... grants) {
        return status(() -> KeyAccess.check(caller, key, action, List.of(grants), NOW));
    }

    @Test
    void aPlainKeyIsBarbicanNormal() {
        KeyAccess.Key key = key("default", Scope.PROJECT, false);
        assertEquals(200, check(user("bob", "projA", "dom-1", null, "member"), key, SECRET_READ_PAYLOAD));
        assertEquals(200, check(user("bob", "projA", "dom-1", "volume", "member"), key, SECRET_READ_PAYLOAD));
        assertEquals(403, check(user("bob", "projA", "dom-1", null, "audit"), key, SECRET_READ_PAYLOAD));
        assertEquals(404, check(user("bob", "projB", "dom-1", null, "admin"), key, SECRET_READ_METADATA));
        assertEquals(404, check(user("bob", "projB", "dom-2", null, "admin"), key, SECRET_READ_PAYLOAD));
    }

    @Test
    void aServiceOwnedKeyReleasesItsMaterialOnlyThroughItsService() {
        KeyAccess.Key key = key("volume", Scope.PROJECT, false);
        Caller tenant = user("alice", "projA", "dom-1", null, "member");
        assertEquals(200, check(tenant, key, SECRET_READ_METADATA), "the tenant sees its volume's key");
        assertEquals(403, check(tenant, key, SECRET_READ_PAYLOAD));
        assertEquals(403, check(tenant, key, SECRET_DELETE));
        assertEquals(200, check(user("admin", "projA", "dom-1", null, "admin"), key, SECRET_DELETE),
                "the project's admin may clean up");
        assertEquals(200, check(withServiceToken(tenant, "cinder", "volume"), key, SECRET_READ_PAYLOAD));
        Caller image = withServiceToken(tenant, "glance", "image");
        assertEquals(403, check(image, key, SECRET_READ_PAYLOAD), "another service");
        KeyGrant imageMayRead = new KeyGrant("projA", "image", KeyGrant.Access.READ, null, null, null, "volume", null);
        assertEquals(200, check(image, key, SECRET_READ_PAYLOAD, imageMayRead), "unless granted");
        KeyGrant expired = new KeyGrant("projA", "image", KeyGrant.Access.READ, null, null, null, "volume", NOW.minusSeconds(1));
        assertEquals(403, check(image, key, SECRET_READ_PAYLOAD, expired));
        KeyGrant writeOnly = new KeyGrant("projA", "image", KeyGrant.Access.WRITE_ONLY, null, null, null, "volume", null);
        assertEquals(403, check(image, key, SECRET_READ_PAYLOAD, writeOnly), "a write-only grant reads nothing");
        KeyGrant byAdminAlone = new KeyGrant("projA", "image", KeyGrant.Access.READ, null, null, null, "default", null);
        assertEquals(403, check(image, key, SECRET_READ_PAYLOAD, byAdminAlone),
                "a grant whose maker did not speak for the owning service passes nothing on");
        KeyGrant unrecorded = new KeyGrant("projA", "image", KeyGrant.Access.READ, null, null, null, null, null);
        assertEquals(403, check(image, key, SECRET_READ_PAYLOAD, unrecorded), "nor one whose maker is unrecorded");
        assertEquals(404, check(withServiceToken(user("carol", "projB", "dom-1", null, "member"), "cinder", "volume"),
                key, SECRET_READ_PAYLOAD), "the same service in another project");
    }

    @Test
    void aUserKeyIsItsUsersAndOnlyVisibleToTheProjectsAdmin() {
        KeyAccess.Key key = key("default", Scope.USER, false);
        assertEquals(200, check(user("alice", "projA", "dom-1", null, "member"), key, SECRET_READ_PAYLOAD));
        assertEquals(404, check(user("bob", "projA", "dom-1", null, "member"), key, SECRET_READ_METADATA));
        assertEquals(200, check(user("root", "projA", "dom-1", null, "admin"), key, SECRET_READ_METADATA));
        assertEquals(403, check(user("root", "projA", "dom-1", null, "admin"), key, SECRET_READ_PAYLOAD));
        assertEquals(200, check(user("root", "projA", "dom-1", null, "admin"), key, SECRET_DELETE));
    }

    @Test
    void aDomainKeyIsReadFromOtherProjectsOfItsDomainButChangedOnlyInItsOwn() {
        KeyAccess.Key key = key("default", Scope.DOMAIN, false);
        Caller neighbour = user("carol", "projC", "dom-1", null, "member");
        assertEquals(200, check(neighbour, key, SECRET_READ_PAYLOAD));
        assertEquals(403, check(neighbour, key, SECRET_DELETE));
        assertEquals(404, check(user("dave", "projD", "dom-2", null, "member"), key, SECRET_READ_METADATA));
        assertEquals(404, check(user("erin", "projE", null, null, "member"), key, SECRET_READ_METADATA),
                "a token that does not say its project's domain is outside");
    }

    @Test
    void aDelegateReadsExactlyTheKeyItWasGrantedWhileItsTrustFromTheGranterHolds() {
        KeyAccess.Key key = key("volume", Scope.ENTITY, false);
        KeyGrant toNova = new KeyGrant("projA", "compute", KeyGrant.Access.READ, "key-1", "nova", "alice", "volume", null);
        Caller nova = trustee("nova", "alice", "compute", "reader");
        assertEquals(200, check(nova, key, SECRET_READ_PAYLOAD, toNova));
        assertEquals(200, check(nova, key, SECRET_READ_METADATA, toNova));
        assertEquals(403, check(nova, key, SECRET_DELETE, toNova), "read only");
        KeyAccess.Key other = new KeyAccess.Key("key-2", "projA", "dom-1", "volume", "alice", Scope.ENTITY, false);
        assertEquals(403, check(nova, other, SECRET_READ_PAYLOAD, toNova), "no other key");
        assertEquals(403, check(trustee("nova", "bob", "compute", "reader"), key, SECRET_READ_PAYLOAD, toNova),
                "a trust from someone else");
        assertEquals(403, check(trustee("mallory", "alice", "compute", "reader"), key, SECRET_READ_PAYLOAD, toNova),
                "another trustee");
        assertEquals(403, check(trustee("nova", "alice", null, "reader"), key, SECRET_READ_PAYLOAD, toNova),
                "without the compute service's token");
        Caller novaWithoutTrust = withServiceToken(user("nova", "projA", "dom-1", null, "reader"), "nova", "compute");
        assertEquals(403, check(novaWithoutTrust, key, SECRET_READ_PAYLOAD, toNova), "delegation only");
        KeyGrant expired = new KeyGrant("projA", "compute", KeyGrant.Access.READ, "key-1", "nova", "alice",
                "volume", NOW.minusSeconds(1));
        assertEquals(403, check(nova, key, SECRET_READ_PAYLOAD, expired));
        KeyGrant notThroughCinder = new KeyGrant("projA", "compute", KeyGrant.Access.READ, "key-1", "nova", "alice",
                "default", null);
        assertEquals(403, check(nova, key, SECRET_READ_PAYLOAD, notThroughCinder),
                "a delegation made without the owning service passes on nothing of its key");
    }

    @Test
    void aDualLockedKeyNeedsTheTenantAndItsServiceInOneRequest() {
        KeyAccess.Key key = key("volume", Scope.PROJECT, true);
        Caller tenant = user("alice", "projA", "dom-1", null, "member");
        assertEquals(200, check(tenant, key, SECRET_READ_METADATA));
        assertEquals(403, check(tenant, key, SECRET_READ_PAYLOAD), "the tenant alone");
        assertEquals(403, check(user("alice", "projA", "dom-1", "volume", "member"), key, SECRET_READ_PAYLOAD),
                "a token that merely claims the service");
        Caller cinderAlone = withServiceToken(user("cinder", "projA", "dom-1", null, "member"), "cinder", "volume");
        assertEquals(403, check(cinderAlone, key, SECRET_READ_PAYLOAD), "the service alone, even with a role");
        assertEquals(200, check(withServiceToken(tenant, "cinder", "volume"), key, SECRET_READ_PAYLOAD));
        assertEquals(200, check(withServiceToken(trustee("cinder", "alice", null, "member"), "cinder", "volume"),
                key, SECRET_READ_PAYLOAD), "a trust from the tenant to the service user plus the service's token");
        assertEquals(403, check(withServiceToken(tenant, "glance", "image"), key, SECRET_READ_PAYLOAD,
                new KeyGrant("projA", "image", KeyGrant.Access.READ, null, null, null, "volume", null)),
                "a grant to another service does not open the service's part");
    }

    @Test
    void barbicansReadAclOpensReadsButNotTheServicesMaterialAndAPrivateAclClosesTheProject() {
        KeyAccess.Key plain = key("default", Scope.PROJECT, false);
        Caller reader = user("zed", "projZ", "dom-9", null, "reader");
        AccessTarget listsZed = new AccessTarget("Secret", "projA", "alice", true, Set.of("zed"));
        assertEquals(200, status(() -> KeyAccess.check(reader, plain, SECRET_READ_PAYLOAD, List.of(), listsZed, NOW)));
        assertEquals(404, status(() -> KeyAccess.check(reader, plain, SECRET_DELETE, List.of(), listsZed, NOW)));
        assertEquals(403, status(() -> KeyAccess.check(reader, key("volume", Scope.PROJECT, false), SECRET_READ_PAYLOAD,
                List.of(), listsZed, NOW)), "an ACL does not open a service's key to a caller of no service");
        AccessTarget privateKey = new AccessTarget("Secret", "projA", "alice", false, Set.of());
        assertEquals(403, status(() -> KeyAccess.check(user("bob", "projA", "dom-1", null, "member"), plain,
                SECRET_READ_PAYLOAD, List.of(), privateKey, NOW)));
        assertEquals(200, status(() -> KeyAccess.check(user("alice", "projA", "dom-1", null, "member"), plain,
                SECRET_READ_PAYLOAD, List.of(), privateKey, NOW)));
    }

    @Test
    void aCloneReadsTheMaterialSoItNeedsWhatAReadNeedsAndIsMadeOnlyAtHome() {
        KeyAccess.Key volumeKey = key("volume", Scope.PROJECT, false);
        Caller alice = user("alice", "projA", "dom-1", null, "member");
        assertEquals(403, check(alice, volumeKey, SECRET_CLONE), "without the owning service");
        assertEquals(200, check(withServiceToken(alice, "cinder", "volume"), volumeKey, SECRET_CLONE));
        assertEquals(403, check(user("carol", "projC", "dom-1", null, "member"), key("default", Scope.DOMAIN, false),
                SECRET_CLONE), "not from another project of the domain");
        KeyGrant toNova = new KeyGrant("projA", "compute", KeyGrant.Access.READ, "key-1", "nova", "alice", "volume", null);
        assertEquals(403, check(trustee("nova", "alice", "compute", "reader"), volumeKey, SECRET_CLONE, toNova),
                "a delegate reads, it does not clone");
    }

    @Test
    void grantsSayWhatTheyLet() {
        KeyGrant writeOnly = new KeyGrant("projA", "volume", KeyGrant.Access.WRITE_ONLY, null, null, null, "default", null);
        Caller cinder = withServiceToken(user("cinder", "service", null, null, "service"), "cinder", "volume");
        assertTrue(writeOnly.letsServiceCreate(cinder, "projA", NOW));
        assertFalse(writeOnly.letsServiceCreate(cinder, "projB", NOW));
        assertFalse(writeOnly.letsServiceCreate(user("cinder", "service", null, null, "service"), "projA", NOW));
        assertFalse(writeOnly.letsServiceRead(cinder, key("volume", Scope.PROJECT, false), NOW));
        assertDoesNotThrow(() -> KeyAccess.relation(cinder, key("volume", Scope.PROJECT, false)));
        assertEquals(ScopePolicy.Relation.OUTSIDE, KeyAccess.relation(cinder, key("volume", Scope.PROJECT, false)));
        assertThrows(AccessDeniedException.class, () -> KeyAccess.check(cinder, key("volume", Scope.PROJECT, false),
                SECRET_READ_PAYLOAD, List.of(writeOnly), NOW));
    }
}
