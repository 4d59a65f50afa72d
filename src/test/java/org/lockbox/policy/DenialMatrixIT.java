package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockbox.testing.Access;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * Denials as a matrix over the running server: role x action x ownership (which service stored the
 * key) x scope x grant x how the caller stands to the key (its user, its project, its domain,
 * another domain, a delegate through a trust, an expired trust). Every answer is what the README's
 * tables say: 404 for what the caller may not know of, 403 for what it may see but not do, 401 for
 * an expired trust; and no refusal carries anything of the key (name, ids, creator, material).
 */
class DenialMatrixIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PROJECT = Tokens.newProject();
    private static final String DOMAIN = "dom-" + PROJECT;
    private static final String CINDER = Tokens.serviceUserToken("cinder");
    private static final String GLANCE = Tokens.serviceUserToken("glance");
    private static final String NOVA = Tokens.serviceUserToken("nova");

    /** A key of the matrix: how it was stored, and what must never leak from a refusal. */
    record Key(String label, String id, String service, Scope scope, boolean dualLock, boolean delegatedToNova,
               String name, String material) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** A caller of the matrix. */
    record Who(String label, String token, String serviceToken, String service, String relation, Set<String> roles,
               boolean trustFromAlice, boolean expired) {
        @Override
        public String toString() {
            return label;
        }
    }

    enum Act { METADATA, PAYLOAD, CHANGE }

    private static final List<Key> KEYS = new ArrayList<>();

    @BeforeAll
    static void keys() {
        String alice = Tokens.tokenInDomain("alice", PROJECT, DOMAIN, "member");
        String admin = Tokens.tokenInDomain("root", PROJECT, DOMAIN, "admin");
        KEYS.add(store("plain project key", alice, null, "default", Scope.PROJECT, false, ""));
        KEYS.add(store("volume-owned key", alice, CINDER, "volume", Scope.PROJECT, false, ""));
        KEYS.add(store("user key", alice, null, "default", Scope.USER, false, "\"scope\":\"user\""));
        KEYS.add(store("domain key", admin, null, "default", Scope.DOMAIN, false, "\"scope\":\"domain\""));
        KEYS.add(store("dual-locked volume key", alice, CINDER, "volume", Scope.PROJECT, true, "\"dual_lock\":true"));
        Key delegated = store("volume entity key delegated to nova", alice, CINDER, "volume", Scope.ENTITY, false,
                "\"scope\":\"entity\",\"entity_id\":\"vol-m\"");
        Reply grant = Access.post("/v1/lockbox/grants", alice, CINDER, "{\"service\":\"compute\",\"access\":\"read\","
                + "\"secret_id\":\"" + delegated.id() + "\",\"grantee\":\"nova\"}");
        assertEquals(201, grant.status(), grant.toString());
        KEYS.add(new Key(delegated.label(), delegated.id(), "volume", Scope.ENTITY, false, true, delegated.name(),
                delegated.material()));
    }

    private static Key store(String label, String token, String serviceToken, String service, Scope scope,
                             boolean dualLock, String extra) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        String name = "matrix-" + label.replace(' ', '-') + "-" + Tokens.newProject();
        String id = Access.store(token, serviceToken, material, "\"name\":\"" + name + "\""
                + (extra.isEmpty() ? "" : "," + extra));
        return new Key(label, id, service, scope, dualLock, false, name, Base64.getEncoder().encodeToString(material));
    }

    static Stream<Arguments> matrix() {
        List<Who> callers = new ArrayList<>();
        String[][] services = {{"no service", null, "default"}, {"cinder", CINDER, "volume"}, {"glance", GLANCE, "image"}};
        for (String role : List.of("admin", "member", "observer", "audit", "reader")) {
            for (String[] service : services) {
                callers.add(new Who(role + " alice (its user), " + service[0],
                        Tokens.tokenInDomain("alice", PROJECT, DOMAIN, role), service[1], service[2], "owner",
                        Set.of(role), false, false));
                callers.add(new Who(role + " of its project, " + service[0],
                        Tokens.tokenInDomain("bob-" + role, PROJECT, DOMAIN, role), service[1], service[2], "project",
                        Set.of(role), false, false));
                callers.add(new Who(role + " of its domain, " + service[0],
                        Tokens.tokenInDomain("dora-" + role, Tokens.newProject(), DOMAIN, role), service[1], service[2],
                        "domain", Set.of(role), false, false));
                callers.add(new Who(role + " of another domain, " + service[0],
                        Tokens.tokenInDomain("eve-" + role, Tokens.newProject(), "dom-other", role), service[1],
                        service[2], "outside", Set.of(role), false, false));
            }
        }
        callers.add(new Who("nova through a trust from alice, compute", Tokens.trustToken("nova", "alice", PROJECT,
                false, null, "reader"), NOVA, "compute", "project", Set.of("reader"), true, false));
        callers.add(new Who("nova through a trust from alice, no service", Tokens.trustToken("nova", "alice", PROJECT,
                false, null, "reader"), null, "default", "project", Set.of("reader"), true, false));
        callers.add(new Who("nova through a trust from bob, compute", Tokens.trustToken("nova", "bob", PROJECT,
                false, null, "reader"), NOVA, "compute", "project", Set.of("reader"), false, false));
        callers.add(new Who("nova through a trust from alice to another project, compute", Tokens.trustToken("nova",
                "alice", Tokens.newProject(), false, null, "reader"), NOVA, "compute", "outside", Set.of("reader"),
                true, false));
        callers.add(new Who("nova through an expired trust, compute", Tokens.trustToken("nova", "alice", PROJECT,
                false, -5L, "reader"), NOVA, "compute", "project", Set.of("reader"), true, true));
        callers.add(new Who("cinder through a trust from alice (member), cinder", Tokens.trustToken("cinder", "alice",
                PROJECT, false, null, "member"), CINDER, "volume", "project", Set.of("member"), false, false));

        List<Arguments> cases = new ArrayList<>();
        for (Key key : KEYS) {
            for (Who who : callers) {
                for (Act act : Act.values()) {
                    cases.add(Arguments.of(key, who, act, expected(key, who, act)));
                }
            }
        }
        return cases.stream();
    }

    /** The README's tables, applied in the README's order. */
    static int expected(Key key, Who who, Act act) {
        if (who.expired()) {
            return 401;
        }
        boolean admin = who.roles().contains("admin");
        boolean roleAllows = switch (act) {
            case METADATA -> !who.roles().contains("reader");
            case PAYLOAD -> admin || who.roles().contains("member") || who.roles().contains("observer");
            case CHANGE -> admin || who.roles().contains("member");
        };
        if (!roleAllows && act == Act.CHANGE) {
            return 403;                                   // the role table, before the key is looked up
        }
        if (key.delegatedToNova() && who.trustFromAlice() && who.service().equals("compute")
                && who.relation().equals("project") && act != Act.CHANGE) {
            return 200;                                   // the delegation
        }
        String relation = who.relation();
        boolean visible = switch (relation) {
            case "owner" -> true;
            case "project" -> key.scope() != Scope.USER || admin;
            case "domain" -> key.scope() == Scope.DOMAIN;
            default -> false;
        };
        if (!visible) {
            return 404;                                   // what the caller may not know of
        }
        if (!roleAllows) {
            return 403;                                   // the role table, once the key is visible
        }
        if (key.scope() == Scope.USER && relation.equals("project") && act == Act.PAYLOAD
                || key.scope() == Scope.DOMAIN && relation.equals("domain") && act == Act.CHANGE) {
            return 403;                                   // the scope table
        }
        boolean sameService = key.service().equals("default") || key.service().equals(who.service());
        if (!sameService && (act == Act.PAYLOAD || act == Act.CHANGE && !admin)) {
            return 403;                                   // ownership by service
        }
        if (key.dualLock() && act == Act.PAYLOAD && (who.serviceToken() == null || !who.service().equals("volume"))) {
            return 403;                                   // the dual lock
        }
        return 200;
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @MethodSource("matrix")
    void answersAsTheTablesSay(Key key, Who who, Act act, int expected) {
        String path = "/v1/secrets/" + key.id();
        Reply reply = switch (act) {
            case METADATA -> Access.get(path, who.token(), who.serviceToken());
            case PAYLOAD -> Access.payload(key.id(), who.token(), who.serviceToken());
            case CHANGE -> Access.put(path + "/metadata", who.token(), who.serviceToken(), "{\"metadata\":{}}");
        };
        int status = act == Act.CHANGE && reply.status() == 201 ? 200 : reply.status();
        assertEquals(expected, status, reply.toString());
        if (status >= 400) {
            assertEquals(status, reply.json().getInt("code"), "Barbican's JSON error body");
            String text = reply.text();
            for (String secretPart : List.of(key.name(), key.id(), key.material(), PROJECT, DOMAIN, "alice")) {
                assertFalse(text.contains(secretPart), "the refusal leaks '" + secretPart + "': " + text);
            }
        }
    }
}
