package org.lockbox.testing;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Test classes in reverse order of their fully qualified names, to show that no test depends on
 * another having run first: {@code -Djunit.jupiter.testclass.order.default=org.lockbox.testing.ReverseClassNameOrder}.
 */
public final class ReverseClassNameOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(
                (org.junit.jupiter.api.ClassDescriptor c) -> c.getTestClass().getName()).reversed());
    }
}
