package org.lockbox.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Whom a key is for: one entity (a volume, a backup: the key records the entity's id), its user,
 * its project (Barbican's only scope, the default) or its project's whole domain.
 */
public enum Scope {
    ENTITY, USER, PROJECT, DOMAIN;

    /** The name used in JSON and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> fromWire(String name) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
