package org.lockbox.policy;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.lockbox.identity.Caller;
import org.lockbox.policy.ScopePolicy.Relation;
import org.lockbox.policy.ScopePolicy.Use;

/**
 * The layered checks on one key, in a fixed order: delegation (a per-key grant read through a
 * trust), then the key's scope (the {@link ScopePolicy} table, with the role table), then ownership
 * by service (a key stored through a service releases its material, and changes, only through that
 * service unless a grant lets another read it), then dual locking (material only when the tenant's
 * and the owning service's credentials come in the same request). A key the caller may not know of
 * is concealed as not found (404); one it may see but not use this way is refused (403).
 */
public final class KeyAccess {

    private static final String NOT_FOUND = "Secret not found.";

    /**
     * Registering a consumer changes what the key records, not the key: the scope table's change column
     * decides who may, without the owner service's consent (as in Barbican, a consumer is registered by
     * the service that uses the key).
     */
    private static final Set<Action> BOOKKEEPING = EnumSet.of(Action.SECRET_CONSUMER_CREATE,
            Action.SECRET_CONSUMER_DELETE);

    private KeyAccess() {
    }

    /** What the checks need to know of a key. */
    public record Key(String id, String projectId, String domainId, String service, String creatorId, Scope scope,
                      boolean dualLock) {
    }

    /** The checks without a read ACL (Barbican's default one). */
    public static void check(Caller caller, Key key, Action action, List<KeyGrant> grants, OffsetDateTime now) {
        check(caller, key, action, grants, null, now);
    }

    /**
     * Refuses, by throwing {@link AccessDeniedException}, unless the caller may perform the action on
     * the key. A user on the key's read ACL ({@code acl}, null when ACLs do not govern the action)
     * reads it from anywhere, as in Barbican, and a private ACL or an ACL change keeps the others of
     * its project out; ownership by service and the dual lock hold for every caller but a delegate.
     */
    public static void check(Caller caller, Key key, Action action, List<KeyGrant> grants, AccessTarget acl,
                             OffsetDateTime now) {
        Use use = ScopePolicy.use(action);
        boolean delegated = (action == Action.SECRET_READ_METADATA || action == Action.SECRET_READ_PAYLOAD)
                && grants.stream().anyMatch(g -> g.delegatesTo(caller, key, now));
        boolean aclReader = acl != null && Authorizer.aclReads(caller, action, acl);
        if (!delegated && !aclReader) {
            Relation relation = relation(caller, key);
            if (!ScopePolicy.visible(key.scope(), relation, caller.roles())) {
                throw AccessDeniedException.concealed(NOT_FOUND, "scope: a " + key.scope().wireName()
                        + "-scoped key is not visible to " + describe(relation));
            }
            if (!ScopePolicy.allows(key.scope(), relation, caller.roles(), action)) {
                throw new AccessDeniedException("This " + key.scope().wireName() + "-scoped key does not allow "
                        + describe(relation) + " with the caller's roles to " + describe(use) + ".");
            }
            if (action == Action.SECRET_CLONE && relation == Relation.DOMAIN) {
                throw new AccessDeniedException("A clone is made in the key's own project: only its users may clone it.");
            }
            if (acl != null) {
                Authorizer.requireAclAllows(caller, action, acl);
            }
        }
        if (!delegated && !BOOKKEEPING.contains(action)) {
            checkOwnership(caller, key, use, grants, now);
        }
        if (use == Use.PAYLOAD && key.dualLock()) {
            checkBothParts(caller, key);
        }
    }

    /** How the caller stands to the key. */
    public static Relation relation(Caller caller, Key key) {
        if (caller.projectId() != null && caller.projectId().equals(key.projectId())) {
            return key.creatorId().equals(caller.userId()) ? Relation.OWNER : Relation.PROJECT;
        }
        if (caller.projectId() != null && key.domainId() != null && key.domainId().equals(caller.projectDomainId())) {
            return Relation.DOMAIN;
        }
        return Relation.OUTSIDE;
    }

    private static void checkOwnership(Caller caller, Key key, Use use, List<KeyGrant> grants, OffsetDateTime now) {
        if (use == Use.METADATA || Caller.DEFAULT_SERVICE.equals(key.service())
                || key.service().equals(caller.service())) {
            return;
        }
        if (use == Use.PAYLOAD && grants.stream().anyMatch(g -> g.letsServiceRead(caller, key, now))) {
            return;
        }
        if (use == Use.CHANGE && ScopePolicy.isAdmin(caller.roles())) {
            return;
        }
        throw new AccessDeniedException("The key is owned by the '" + key.service() + "' service: only a caller"
                + " speaking for it (X-Service-Token) may " + describe(use) + (use == Use.PAYLOAD
                ? ", unless the project grants read access to the caller's service." : ", or the project's admin."));
    }

    /**
     * Whether one request carries both parts for a service: that service's own X-Service-Token, and a
     * tenant's authority that is not the service user's own (another user's token, or a trust from a
     * tenant to the service user).
     */
    public static boolean carriesBothParts(Caller caller, String service) {
        if (caller.serviceIdentity() == null || !service.equals(caller.service())) {
            return false;
        }
        String serviceUser = caller.serviceIdentity().userId();
        return !serviceUser.equals(caller.actingUserId())
                || caller.trust() != null && !serviceUser.equals(caller.trust().trustorId());
    }

    private static void checkBothParts(Caller caller, Key key) {
        if (!carriesBothParts(caller, key.service())) {
            throw new AccessDeniedException("The key is dual-locked: its material is released only to a request"
                    + " carrying both the tenant's token (or a trust from the tenant) and the '" + key.service()
                    + "' service's X-Service-Token.");
        }
    }

    private static String describe(Relation relation) {
        return switch (relation) {
            case OWNER -> "its own user";
            case PROJECT -> "other users of its project";
            case DOMAIN -> "users of other projects in its domain";
            case OUTSIDE -> "users outside its project";
        };
    }

    private static String describe(Use use) {
        return switch (use) {
            case METADATA -> "see it";
            case PAYLOAD -> "read its payload";
            case CHANGE -> "change or delete it";
        };
    }
}
