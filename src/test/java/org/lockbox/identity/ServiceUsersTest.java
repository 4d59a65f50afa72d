package org.lockbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Service users named by id, or by name with their domain. */
class ServiceUsersTest {

    private static final List<String> SERVICES = List.of("default", "volume", "object", "image", "compute");

    private final List<String> ignored = new ArrayList<>();

    private ServiceUsers parse(String... entries) {
        return ServiceUsers.parse(List.of(entries), SERVICES, ignored::add);
    }

    @Test
    void aBareNameIsTheUserOfThatNameInTheDefaultDomainOnly() {
        ServiceUsers users = parse("cinder=volume");
        assertEquals(Optional.of("volume"), users.serviceOf("c1", "cinder", "default", "Default"));
        assertEquals(Optional.empty(), users.serviceOf("c2", "cinder", "d2", "Tenants"));
        assertEquals(Optional.empty(), users.serviceOf("c3", "cinder", null, null), "a domain not said is not the default");
        assertEquals(Optional.empty(), users.serviceOf("c4", "cinder", "d4", "Default"),
                "a domain named Default that is not the default domain");
    }

    @Test
    void aBareEntryAlsoMatchesAUserId() {
        ServiceUsers users = parse("cinder=volume", "8a7b6c=image");
        assertEquals(Optional.of("volume"), users.serviceOf("cinder", null, null, null), "a token naming no user name");
        assertEquals(Optional.of("image"), users.serviceOf("8a7b6c", "glance", "d2", "Elsewhere"));
    }

    @Test
    void aQualifiedNameMatchesItsDomainByNameOrIdAndNoOther() {
        ServiceUsers users = parse("cinder@Services=volume", "swift@5e4f=object");
        assertEquals(Optional.of("volume"), users.serviceOf("c1", "cinder", "3d2c", "Services"));
        assertEquals(Optional.of("volume"), users.serviceOf("c1", "cinder", "Services", null));
        assertEquals(Optional.of("object"), users.serviceOf("s1", "swift", "5e4f", "Storage"));
        assertEquals(Optional.empty(), users.serviceOf("c2", "cinder", "default", "Default"));
        assertEquals(Optional.empty(), users.serviceOf("cinder", null, null, null), "a qualified name is never an id");
        assertEquals(Optional.empty(), users.serviceOf("s2", "swift", "9999", "Other"));
    }

    @Test
    void aNameHoldingAnAtSignNamesItsDomainLast() {
        ServiceUsers users = parse("svc@example.org@Services=compute");
        assertEquals(Optional.of("compute"), users.serviceOf("n1", "svc@example.org", "d1", "Services"));
        assertEquals(Optional.empty(), users.serviceOf("n2", "svc", "example.org", "example.org"));
    }

    @Test
    void anIdMatchComesBeforeANameMatch() {
        ServiceUsers users = parse("nova=compute", "b2c3=volume");
        assertEquals(Optional.of("volume"), users.serviceOf("b2c3", "nova", "default", "Default"));
    }

    @Test
    void malformedEntriesAndUnknownServicesAreIgnoredAndSaidSo() {
        ServiceUsers users = parse("cinder", "=volume", "cinder@=volume", "@Default=volume", "heat=orchestration",
                "nova=compute");
        assertEquals(5, ignored.size(), ignored.toString());
        assertTrue(ignored.get(0).contains("NAME@DOMAIN=SERVICE"), ignored.get(0));
        assertEquals(Optional.empty(), users.serviceOf("heat", "heat", "default", "Default"));
        assertEquals(Optional.empty(), users.serviceOf("x", "", "default", "Default"));
        assertEquals(Optional.of("compute"), users.serviceOf("n", "nova", "default", "Default"));
    }
}
