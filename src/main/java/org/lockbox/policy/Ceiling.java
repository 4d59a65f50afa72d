package org.lockbox.policy;

import java.util.Set;

import org.lockbox.identity.Caller;
import org.lockbox.policy.ScopePolicy.Relation;

/**
 * The scope table is the ceiling: a read ACL entry, a grant or a clone passes on only what the party
 * making it may itself read by the key's scope, the role table and the key's owner service. Nothing
 * a party does through them widens who can read a key beyond that; narrowing is always allowed to
 * whoever may change the key.
 */
public final class Ceiling {

    private Ceiling() {
    }

    /**
     * Whether the caller may read the key's material by right: its scope and roles and, for a key a
     * service owns, speaking for that service. No ACL entry, grant or delegation counts here, so a
     * right can only be passed on by someone who holds it.
     */
    public static boolean readsByRight(Caller caller, KeyAccess.Key key) {
        Relation relation = KeyAccess.relation(caller, key);
        return ScopePolicy.allows(key.scope(), relation, caller.roles(), Action.SECRET_READ_PAYLOAD)
                && (Caller.DEFAULT_SERVICE.equals(key.service()) || key.service().equals(caller.service()));
    }

    /** Refuses, unless the caller reads the key by right, to pass reading it on ({@code what} says how). */
    public static void requirePassOn(Caller caller, KeyAccess.Key key, String what) {
        if (!readsByRight(caller, key)) {
            throw new AccessDeniedException("Only a caller who may read this " + key.scope().wireName()
                    + "-scoped key's material itself" + (Caller.DEFAULT_SERVICE.equals(key.service()) ? ""
                    : " (speaking for the '" + key.service() + "' service that owns it)") + " may " + what + ".");
        }
    }

    /**
     * Refuses a read ACL change that lets anyone read who could not before (a user added, or the
     * project opened again), unless its maker reads the key by right.
     */
    public static void requireAclChange(Caller caller, KeyAccess.Key key, boolean projectAccessBefore,
                                        Set<String> readersBefore, boolean projectAccessAfter, Set<String> readersAfter) {
        boolean widens = projectAccessAfter && !projectAccessBefore || !readersBefore.containsAll(readersAfter);
        if (widens) {
            requirePassOn(caller, key, "add readers to its ACL or open it to its project");
        }
    }
}
