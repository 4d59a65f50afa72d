package org.lockbox.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The action an endpoint performs, and where the policy table is asked about it: by default a
 * token scoped to a project whose roles grant the action there, checked before the method runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {

    Action value();

    Where where() default Where.TOKEN_PROJECT;

    /** Where a caller's roles must grant the action. */
    enum Where {
        /** A project-scoped token with a role that grants the action in its project. */
        TOKEN_PROJECT,
        /** A role that grants the action on every project, whatever the token's scope. */
        EVERY_PROJECT,
        /** A role that grants it on every project, else as {@link #TOKEN_PROJECT} (the endpoint then shows the token's project only). */
        TOKEN_PROJECT_OR_EVERY_PROJECT,
        /** The project named by the path's {@code project} parameter: a service-wide role, or a token scoped to it. */
        PATH_PROJECT,
        /**
         * Decided per key by {@link KeyAccess} (scope, ownership, ACL, grants), which consults the
         * policy table itself, since a user on a read ACL may act from any project.
         */
        EACH_KEY,
        /**
         * Decided after the request body is read, as it depends on it: creating a key for the caller's
         * own project needs the action, for another project that project's write-only grant decides.
         */
        BODY
    }
}
