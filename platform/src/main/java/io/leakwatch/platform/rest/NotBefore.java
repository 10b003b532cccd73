package io.leakwatch.platform.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

/**
 * An instant no earlier than {@link #value()} (an ISO date, UTC): a date of a leak, a notice or an awareness that lies
 * before it is a typo or a made-up value, not history. Null is valid (pair with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = NotBefore.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotBefore {

    /** The earliest date allowed, {@code YYYY-MM-DD}. */
    String value();

    String message() default "must not be before {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks an {@link Instant} against the date at midnight UTC. */
    class Validator implements ConstraintValidator<NotBefore, Instant> {

        private Instant earliest;

        @Override
        public void initialize(NotBefore annotation) {
            earliest = Instant.parse(annotation.value() + "T00:00:00Z");
        }

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(earliest);
        }
    }
}
