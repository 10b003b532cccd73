package io.leakwatch.platform.privacy;

import java.time.MonthDay;

/**
 * A NIK that passed {@link NikValidator}: 16 digits whose province, birth date and serial are plausible.
 *
 * <p>{@link #toString()} never shows the digits, so a {@code Nik} can end up in a log line or an exception message
 * without leaking it. Only {@link #digits()} hands them out, for tokenisation.
 */
public final class Nik {

    private final String digits;
    private final Sex sex;
    private final MonthDay birthDay;

    Nik(String digits, Sex sex, MonthDay birthDay) {
        this.digits = digits;
        this.sex = sex;
        this.birthDay = birthDay;
    }

    /** The 16 digits, to be normalised no further and tokenised as field {@link CanonicalField#NIK}. */
    public String digits() {
        return digits;
    }

    /** The sex the NIK encodes: {@link Sex#FEMALE} when 40 was added to the birth day. */
    public Sex sex() {
        return sex;
    }

    /**
     * Day and month of birth, with the 40 for women already taken off. The year is left out on purpose: the NIK holds
     * only two digits of it, and the century cannot be told from the NIK alone.
     */
    public MonthDay birthDay() {
        return birthDay;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Nik nik && digits.equals(nik.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return "Nik[redacted]";
    }
}
