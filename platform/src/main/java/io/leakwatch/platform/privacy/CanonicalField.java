package io.leakwatch.platform.privacy;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The canonical columns of a leaked sample (DESIGN.md "Data formats"), by their CSV header name. */
public enum CanonicalField {
    NIK("nik"),
    CARD_NO("card_no"),
    FULL_NAME("full_name"),
    BIRTH_DATE("birth_date"),
    SEX("sex"),
    PHONE("phone"),
    REGENCY_CODE("regency_code"),
    /** Not personal data: it bounds the extraction date and stays in clear. */
    UPDATED_AT("updated_at");

    /**
     * The fields the registry also holds, compared one by one for {@code fullyAgreeingRows} and {@code fieldAgreement};
     * in canonical order. An {@link EnumSet}: every tokenised row asks it, and a bit test is the cheapest answer.
     */
    public static final Set<CanonicalField> COMPARED =
            Collections.unmodifiableSet(EnumSet.of(CARD_NO, FULL_NAME, BIRTH_DATE, SEX, PHONE, REGENCY_CODE));

    private static final Map<String, CanonicalField> BY_COLUMN =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(CanonicalField::column, Function.identity()));

    private final String column;

    CanonicalField(String column) {
        this.column = column;
    }

    /** The CSV header name, also the domain separator of this field's tokens: renaming it changes every token. */
    public String column() {
        return column;
    }

    public static Optional<CanonicalField> byColumn(String column) {
        return Optional.ofNullable(BY_COLUMN.get(column));
    }
}
