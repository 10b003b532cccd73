package io.leakwatch.intake.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads the closed vocabularies that commands carry as strings; case and surrounding spaces do not matter. */
final class Vocabulary {

    private Vocabulary() {}

    static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        if (value != null) {
            String wanted = value.strip().toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(what + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                + ", not " + value);
    }
}
