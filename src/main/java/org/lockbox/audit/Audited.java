package org.lockbox.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The action name an endpoint's requests carry in the audit trail, e.g. {@code secrets.delete}. A
 * resource class that serves one kind of resource through inherited methods may name the resource
 * ({@code secret-acl}); its methods then name only the operation ({@code get}), and the action is
 * both joined by a dot ({@code secret-acl.get}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    String value();
}
