package io.leakwatch.platform.privacy;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link NikValidator} found: either a valid {@link Nik} or the first reason it is not one. Neither the record's
 * {@code toString()} nor the reason ever carries the NIK itself.
 */
public record NikValidation(Nik nik, Reason reason) {

    /** Why a NIK is invalid; checked in this order, and the first that fails is reported. */
    public enum Reason {
        /** Not 16 characters (after trimming surrounding whitespace); also an absent value. */
        LENGTH,
        /** A character other than the ASCII digits 0-9. */
        NON_DIGIT,
        /** The first two digits are not a province code DESIGN.md lists. */
        PROVINCE,
        /** Digits 7-12 are not a date DDMMYY (day + 40 for women) that exists in 19YY or 20YY. */
        DATE,
        /** The last four digits are 0000: serials start at 0001. */
        SERIAL
    }

    public NikValidation {
        if ((nik == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of a NIK and a reason");
        }
    }

    static NikValidation valid(Nik nik) {
        return new NikValidation(Objects.requireNonNull(nik), null);
    }

    static NikValidation invalid(Reason reason) {
        return new NikValidation(null, Objects.requireNonNull(reason));
    }

    public boolean isValid() {
        return nik != null;
    }

    public Optional<Nik> validNik() {
        return Optional.ofNullable(nik);
    }

    public Optional<Reason> invalidReason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return isValid() ? "NikValidation[valid]" : "NikValidation[invalid: " + reason + "]";
    }
}
