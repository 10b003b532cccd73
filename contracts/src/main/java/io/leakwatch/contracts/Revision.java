package io.leakwatch.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema revision of an integration event. A change to an event's JSON form raises it and ships an upcaster with a
 * fixture test; the revision travels in the CloudEvents {@code dataschema} attribute.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {

    int value();
}
