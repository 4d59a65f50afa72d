package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.lockbox.identity.Caller;
import org.lockbox.identity.ServiceIdentity;
import org.lockbox.identity.Trust;

/**
 * The scope table is the ceiling, as a property. From any key (every scope, owned by a service or
 * not, dual-locked or not), any sequence of read ACL replacements and removals, service read grants
 * (on the key or on the whole project), delegations and clones, each attempted by any party of a
 * population (the key's user and the other users of its project with every role, users of a sibling
 * project in its domain and of another domain, each speaking for no service, for the key's owner or
 * for another, and trustees acting under trusts), leaves no caller able to read the material of the
 * key or of any clone unless that caller reads it by right (scope, roles, owner service), was named
 * by a party that does, or reads it by its own scope and roles speaking for a service that the
 * key's owner service granted; and no clone is readable, when made, by anyone but its maker's user
 * who cannot read its source (a private ACL included). Every operation is accepted or refused by the
 * same checks, in the same order, as the services that carry it out (AclService, GrantService,
 * SecretService.clone); reads are decided by {@link KeyAccess}. The live denial matrix shows the services wired to these checks.
 */
class CeilingPropertyTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now();
    private static final List<String> ROLES = List.of("admin", "member", "creator", "observer", "audit", "reader");
    private static final List<String> NAMED = List.of("alice", "bob", "carol", "dave", "nova", "cinder");
    private static final List<String> SERVICES = List.of("volume", "image", "compute");
    private static final List<Caller> PARTIES = parties();

    /** What a party tries, on which key (an index into the key and its clones), with what. */
    enum Kind { ACL_PUT, ACL_DELETE, DELEGATE, GRANT_KEY, GRANT_PROJECT, CLONE }

    record Op(Kind kind, int party, int target, boolean projectAccess, Set<String> users, String grantee,
              String service) {
    }

    /** The key, its clones, their ACLs and the grants made, and who was named by a party reading by right. */
    static final class World {
        final KeyAccess.Key original;
        final List<KeyAccess.Key> keys = new ArrayList<>();
        final Map<String, AccessTarget> acls = new HashMap<>();
        final List<KeyGrant> grants = new ArrayList<>();
        final Set<String> namedByRight = new HashSet<>();
        final Set<String> delegationsByRight = new HashSet<>();
        final Set<String> servicesGrantedByOwner = new HashSet<>();
        final List<String> history = new ArrayList<>();
        final List<String> widenedByClones = new ArrayList<>();

        World(KeyAccess.Key key) {
            original = key;
            keys.add(key);
            acls.put(key.id(), AccessTarget.withDefaultAcl("Secret", key.projectId(), key.creatorId()));
        }

        AccessTarget acl(KeyAccess.Key key) {
            return acls.get(key.id());
        }

        boolean allowed(Runnable check) {
            try {
                check.run();
                return true;
            } catch (AccessDeniedException refused) {
                return false;
            }
        }

        void apply(Op op) {
            Caller party = PARTIES.get(op.party());
            KeyAccess.Key key = keys.get(op.target() % keys.size());
            boolean byRight = Ceiling.readsByRight(party, original);
            boolean done = switch (op.kind()) {
                case ACL_PUT -> allowed(() -> {
                    KeyAccess.check(party, key, Action.SECRET_ACL_UPDATE, grants, acl(key), NOW);
                    AccessTarget before = acl(key);
                    Ceiling.requireAclChange(party, key, before.projectAccess(), before.readers(), op.projectAccess(),
                            op.users());
                }) && record(() -> {
                    acls.put(key.id(), new AccessTarget("Secret", key.projectId(), key.creatorId(), op.projectAccess(),
                            op.users()));
                    if (byRight) {
                        namedByRight.addAll(op.users());
                    }
                });
                case ACL_DELETE -> allowed(() -> {
                    KeyAccess.check(party, key, Action.SECRET_ACL_UPDATE, grants, acl(key), NOW);
                    AccessTarget before = acl(key);
                    Ceiling.requireAclChange(party, key, before.projectAccess(), before.readers(), true, Set.of());
                }) && record(() -> acls.put(key.id(), AccessTarget.withDefaultAcl("Secret", key.projectId(),
                        key.creatorId())));
                case DELEGATE -> allowed(() -> {
                    requireProjectRole(party, Action.GRANT_CREATE);
                    if (party.trust() != null) {
                        throw new AccessDeniedException("under a trust");
                    }
                    KeyAccess.check(party, key, Action.SECRET_READ_METADATA, grants, acl(key), NOW);
                    if (!key.creatorId().equals(party.userId()) && !PolicyTable.includesAdmin(party.roles())) {
                        throw new AccessDeniedException("neither the key's user nor the admin");
                    }
                    Ceiling.requirePassOn(party, key, "delegate");
                }) && record(() -> {
                    grants.add(new KeyGrant(party.projectId(), op.service(), KeyGrant.Access.READ, key.id(),
                            op.grantee(), party.userId(), party.service(), null));
                    if (byRight) {
                        delegationsByRight.add(party.userId() + ">" + op.grantee());
                    }
                });
                case GRANT_KEY, GRANT_PROJECT -> allowed(() -> {
                    requireProjectRole(party, Action.GRANT_CREATE);
                    requireProjectRole(party, Action.GRANT_PROJECT_CREATE);
                    if (op.kind() == Kind.GRANT_KEY) {
                        KeyAccess.check(party, key, Action.SECRET_READ_METADATA, grants, null, NOW);
                        Ceiling.requirePassOn(party, key, "grant");
                    } else if (Caller.DEFAULT_SERVICE.equals(party.service())) {
                        throw new AccessDeniedException("a project-wide read grant speaks for a service");
                    }
                }) && record(() -> {
                    grants.add(new KeyGrant(party.projectId(), op.service(), KeyGrant.Access.READ,
                            op.kind() == Kind.GRANT_KEY ? key.id() : null, null, null, party.service(), null));
                    if (original.service().equals(party.service())) {
                        servicesGrantedByOwner.add(op.service());
                    }
                });
                case CLONE -> allowed(() -> KeyAccess.check(party, key, Action.SECRET_CLONE, grants, acl(key), NOW))
                        && record(() -> {
                    KeyAccess.Key clone = new KeyAccess.Key("clone-" + keys.size(), key.projectId(), key.domainId(),
                            key.service(), party.userId(), key.scope(), key.dualLock());
                    keys.add(clone);
                    AccessTarget source = acl(key);
                    acls.put(clone.id(), new AccessTarget("Secret", clone.projectId(), clone.creatorId(),
                            source.projectAccess(), source.readers()));
                    // The cloner's user is the clone's creator, whom a private ACL lets in: it read the source.
                    PARTIES.stream().filter(caller -> !caller.userId().equals(party.userId()))
                            .filter(caller -> reads(caller, clone) && !reads(caller, key))
                            .forEach(caller -> widenedByClones.add(describe(caller) + " reads " + clone.id()
                                    + " but not its source " + key.id()));
                });
            };
            history.add((done ? "done    " : "refused ") + op.kind() + " on " + key.id() + " by " + describe(party)
                    + (op.kind() == Kind.ACL_PUT ? " users " + op.users() + " project-access " + op.projectAccess() : "")
                    + (op.kind() == Kind.DELEGATE ? " to " + op.grantee() + " for " + op.service() : "")
                    + (op.kind() == Kind.GRANT_KEY || op.kind() == Kind.GRANT_PROJECT ? " to " + op.service() : ""));
        }

        private static boolean record(Runnable change) {
            change.run();
            return true;
        }

        /** Whether the caller may read this key's material now, as the payload endpoint decides. */
        boolean reads(Caller caller, KeyAccess.Key key) {
            return allowed(() -> KeyAccess.check(caller, key, Action.SECRET_READ_PAYLOAD, grants, acl(key), NOW));
        }

        /**
         * The ceiling: by right; or named by a party reading by right; or by its own scope and roles,
         * speaking for a service the owner service granted; and both parts for a dual lock.
         */
        boolean mayRead(Caller caller) {
            if (original.dualLock() && !KeyAccess.carriesBothParts(caller, original.service())) {
                return false;
            }
            return Ceiling.readsByRight(caller, original)
                    || namedByRight.contains(caller.userId())
                    || caller.trust() != null && delegationsByRight.contains(caller.trust().trustorId() + ">"
                    + caller.trust().trusteeId())
                    || servicesGrantedByOwner.contains(caller.service()) && ScopePolicy.allows(original.scope(),
                    KeyAccess.relation(caller, original), caller.roles(), Action.SECRET_READ_PAYLOAD);
        }
    }

    private static void requireProjectRole(Caller caller, Action action) {
        if (!caller.projectScoped() || !PolicyTable.allows(caller.roles(), action)) {
            throw new AccessDeniedException("role");
        }
    }

    @Property(tries = 10000)
    void noSequenceOfAclsGrantsAndClonesLetsAnyoneReadAboveTheCeiling(@ForAll("keys") KeyAccess.Key key,
                                                                       @ForAll("operations") List<Op> ops) {
        World world = new World(key);
        ops.forEach(world::apply);
        assertEquals(List.of(), world.widenedByClones, "a clone is read by no one its source is not, after:\n  "
                + String.join("\n  ", world.history));
        for (KeyAccess.Key readable : world.keys) {
            for (Caller caller : PARTIES) {
                if (world.reads(caller, readable)) {
                    assertTrue(world.mayRead(caller), describe(caller) + " reads " + readable.id() + " of " + key
                            + " above the ceiling after:\n  " + String.join("\n  ", world.history));
                }
            }
        }
    }

    /** The escalation reported against a running server: the project's admin lists himself on a user key. */
    @Example
    void theAdminCannotOpenAUsersKeyToHimselfThroughItsAcl() {
        World world = new World(new KeyAccess.Key("key-1", "projA", "dom-1", "default", "alice", Scope.USER, false));
        int admin = partyIndex("bob", "admin", "default", null);
        world.apply(new Op(Kind.ACL_PUT, admin, 0, true, Set.of("bob"), null, null));
        world.apply(new Op(Kind.DELEGATE, admin, 0, true, Set.of(), "nova", "compute"));
        assertEquals(List.of("refused ACL_PUT", "refused DELEGATE"),
                world.history.stream().map(line -> line.substring(0, line.indexOf(" on "))).toList(), world.history.toString());
        int owner = partyIndex("alice", "member", "default", null);
        world.apply(new Op(Kind.ACL_PUT, owner, 0, true, Set.of("bob"), null, null));
        assertTrue(world.history.get(2).startsWith("done"), "the key's own user may: " + world.history);
        assertTrue(world.reads(PARTIES.get(admin), world.original), "and then the admin reads it, named by its user");
    }

    @Provide
    Arbitrary<KeyAccess.Key> keys() {
        return Combinators.combine(Arbitraries.of(Scope.values()), Arbitraries.of("default", "volume"),
                Arbitraries.of(false, true)).as((scope, service, dualLock) -> new KeyAccess.Key("key-1", "projA",
                "dom-1", service, "alice", scope, dualLock && !"default".equals(service)));
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.values()),
                Arbitraries.integers().between(0, PARTIES.size() - 1), Arbitraries.integers().between(0, 7),
                Arbitraries.of(false, true), Arbitraries.of(NAMED).set().ofMaxSize(3), Arbitraries.of(NAMED),
                Arbitraries.of(SERVICES)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(8);
    }

    private static List<Caller> parties() {
        List<Caller> parties = new ArrayList<>();
        String[][] users = {{"alice", "projA", "dom-1"}, {"bob", "projA", "dom-1"}, {"carol", "projB", "dom-1"},
                {"dave", "projD", "dom-2"}};
        for (String[] user : users) {
            for (String role : ROLES) {
                Caller plain = new Caller(user[0], null, user[1], null, Set.of(role), Caller.DEFAULT_SERVICE,
                        NOW.plusHours(1), List.of("a"), null, null, user[2]);
                parties.add(plain);
                parties.add(plain.withService(identity("cinder"), "volume"));
                parties.add(plain.withService(identity("glance"), "image"));
                parties.add(plain.withService(identity("nova"), "compute"));
                parties.add(new Caller(user[0], null, user[1], null, Set.of(role), "volume", NOW.plusHours(1),
                        List.of("a"), null, null, user[2]));
            }
        }
        for (String trustor : List.of("alice", "bob")) {
            for (String trustee : List.of("nova", "cinder")) {
                for (boolean impersonation : List.of(false, true)) {
                    for (String role : List.of("reader", "member", "admin")) {
                        Caller underTrust = new Caller(impersonation ? trustor : trustee, null, "projA", null,
                                Set.of(role), Caller.DEFAULT_SERVICE, NOW.plusHours(1), List.of("a"),
                                new Trust("trust-" + trustor + "-" + trustee, trustor, trustee, impersonation, null),
                                null, "dom-1");
                        parties.add(underTrust);
                        parties.add(underTrust.withService(identity(trustee), "nova".equals(trustee) ? "compute" : "volume"));
                    }
                }
            }
        }
        return List.copyOf(parties);
    }

    private static ServiceIdentity identity(String user) {
        return new ServiceIdentity(user, user, Set.of("service"));
    }

    private static int partyIndex(String user, String role, String service, ServiceIdentity identity) {
        for (int i = 0; i < PARTIES.size(); i++) {
            Caller caller = PARTIES.get(i);
            if (caller.userId().equals(user) && caller.trust() == null && caller.roles().equals(Set.of(role))
                    && caller.service().equals(service) && caller.serviceIdentity() == identity) {
                return i;
            }
        }
        throw new IllegalArgumentException("no such party");
    }

    private static String describe(Caller caller) {
        return caller.userId() + "@" + caller.projectId() + caller.roles() + " as " + caller.service()
                + (caller.serviceIdentity() == null ? "" : " (service token " + caller.serviceIdentity().userId() + ")")
                + (caller.trust() == null ? "" : " under a trust " + caller.trust().trustorId() + ">"
                + caller.trust().trusteeId() + (caller.trust().impersonation() ? " impersonating" : ""));
    }
}
