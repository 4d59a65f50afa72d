package org.lockbox.policy;

import static org.lockbox.policy.ScopePolicy.Relation.*;
import static org.lockbox.policy.ScopePolicy.Rule.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who in a project or domain may use a key of each scope: the one table for scopes. A caller
 * stands in one {@link Relation} to a key (its user, another user of its project, a user of another
 * project of its domain, or an outsider); for each scope and relation the table says which
 * {@link Use} is decided by the role table ({@link PolicyTable}), which needs the admin role, and
 * which is never allowed. What a caller may not even see is concealed as "not found".
 */
public final class ScopePolicy {

    /** How the caller stands to a key. */
    public enum Relation {
        /** The key's user (its creator; under an impersonating trust, the trustor) in the key's project. */
        OWNER,
        /** Another user of the key's project. */
        PROJECT,
        /** A user of another project in the key's domain. */
        DOMAIN,
        /** Anyone else: the key does not exist for them. */
        OUTSIDE
    }

    /** What a request does with a key. */
    public enum Use {
        /** Its metadata, user metadata and consumers (consumers are "read" in Barbican). */
        METADATA,
        /** Its material (a clone reads it too). */
        PAYLOAD,
        /** Upload its payload, change its metadata, ACL, consumers or key group, delete it. */
        CHANGE
    }

    /** Who may, within one cell of the table. */
    public enum Rule {
        /** The caller's roles decide, as the role table says for the action. */
        ROLES,
        /** Only a caller with the admin role (of the key's project). */
        ADMIN,
        /** Nobody. */
        NEVER
    }

    private static final Map<Scope, Map<Relation, Map<Use, Rule>>> TABLE = new EnumMap<>(Scope.class);

    static {
        //   scope          relation  metadata payload change
        row(Scope.PROJECT, OWNER,    ROLES,   ROLES,  ROLES);
        row(Scope.PROJECT, PROJECT,  ROLES,   ROLES,  ROLES);
        row(Scope.PROJECT, DOMAIN,   NEVER,   NEVER,  NEVER);
        row(Scope.ENTITY,  OWNER,    ROLES,   ROLES,  ROLES);
        row(Scope.ENTITY,  PROJECT,  ROLES,   ROLES,  ROLES);
        row(Scope.ENTITY,  DOMAIN,   NEVER,   NEVER,  NEVER);
        row(Scope.USER,    OWNER,    ROLES,   ROLES,  ROLES);
        row(Scope.USER,    PROJECT,  ADMIN,   NEVER,  ADMIN);
        row(Scope.USER,    DOMAIN,   NEVER,   NEVER,  NEVER);
        row(Scope.DOMAIN,  OWNER,    ROLES,   ROLES,  ROLES);
        row(Scope.DOMAIN,  PROJECT,  ROLES,   ROLES,  ROLES);
        row(Scope.DOMAIN,  DOMAIN,   ROLES,   ROLES,  NEVER);
        for (Scope scope : Scope.values()) {
            row(scope, OUTSIDE, NEVER, NEVER, NEVER);
        }
    }

    /** Scopes whose keys a caller may create with the role table's secret-create right; the others need admin. */
    private static final Set<Scope> CREATED_BY_ROLES = EnumSet.of(Scope.ENTITY, Scope.USER, Scope.PROJECT);

    private ScopePolicy() {
    }

    private static void row(Scope scope, Relation relation, Rule metadata, Rule payload, Rule change) {
        Map<Use, Rule> cells = new EnumMap<>(Use.class);
        cells.put(Use.METADATA, metadata);
        cells.put(Use.PAYLOAD, payload);
        cells.put(Use.CHANGE, change);
        TABLE.computeIfAbsent(scope, s -> new EnumMap<>(Relation.class)).put(relation, cells);
    }

    public static Rule rule(Scope scope, Relation relation, Use use) {
        return TABLE.get(scope).get(relation).get(use);
    }

    /** What an action does with the key it names. */
    public static Use use(Action action) {
        return switch (action) {
            case SECRET_READ_PAYLOAD, SECRET_CLONE -> Use.PAYLOAD;
            case SECRET_UPDATE, SECRET_DELETE, SECRET_ACL_UPDATE, SECRET_CONSUMER_CREATE, SECRET_CONSUMER_DELETE,
                 GROUP_MANAGE -> Use.CHANGE;
            default -> Use.METADATA;
        };
    }

    /** Whether a caller with these roles, standing so to a key of this scope, may perform the action. */
    public static boolean allows(Scope scope, Relation relation, Set<String> roles, Action action) {
        return switch (rule(scope, relation, use(action))) {
            case ROLES -> PolicyTable.allows(roles, action);
            case ADMIN -> isAdmin(roles);
            case NEVER -> false;
        };
    }

    /** Whether the caller may know the key exists at all (else it is concealed as not found). */
    public static boolean visible(Scope scope, Relation relation, Set<String> roles) {
        Rule rule = rule(scope, relation, Use.METADATA);
        return rule == ROLES || rule == ADMIN && isAdmin(roles);
    }

    /** Whether a caller with these roles may create a key of this scope in its project. */
    public static boolean mayCreate(Scope scope, Set<String> roles) {
        return CREATED_BY_ROLES.contains(scope) ? PolicyTable.allows(roles, Action.SECRET_CREATE) : isAdmin(roles);
    }

    /** The scopes of other users' keys that a caller with these roles does not see in its project's listing. */
    public static Set<Scope> hiddenFromOtherUsers(Set<String> roles) {
        Set<Scope> hidden = EnumSet.noneOf(Scope.class);
        for (Scope scope : Scope.values()) {
            if (!visible(scope, PROJECT, roles)) {
                hidden.add(scope);
            }
        }
        return hidden;
    }

    static boolean isAdmin(Set<String> roles) {
        return roles.stream().anyMatch(role -> PolicyTable.ADMIN.equals(role.toLowerCase(Locale.ROOT)));
    }
}
