package org.lockbox.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a request body: {@link RequestRecordReader} binds JSON into it field by field, with
 * Barbican's 400 messages for wrong types and lengths (a string's limit is its {@code @Schema(maxLength)}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonRequest {

    /** Empty to ignore fields the record does not name; otherwise the 400 message for one, with %s for its name. */
    String unknownField() default "";
}
