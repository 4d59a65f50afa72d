package org.lockbox.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Barbican's 400 messages for a list field of a {@link JsonRequest} record: one when the field is not a JSON
 * array, one when an entry is not of the list's type (a string, or an object for a list of records).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface JsonList {

    String notAList();

    String badEntry();
}
