package io.leakwatch.intake.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Traffic Light Protocol 2.0: with whom the facts of an incident may be shared. */
public enum TlpMarking {
    CLEAR("TLP:CLEAR"),
    GREEN("TLP:GREEN"),
    AMBER("TLP:AMBER"),
    AMBER_STRICT("TLP:AMBER+STRICT"),
    RED("TLP:RED");

    private final String label;

    TlpMarking(String label) {
        this.label = label;
    }

    /** The label as TLP writes it and the events carry it, e.g. {@code TLP:AMBER+STRICT}. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException when {@code value} is not a TLP 2.0 label */
    public static TlpMarking of(String value) {
        String wanted = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(marking -> marking.label.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("A marking must be one of "
                        + Arrays.stream(values()).map(TlpMarking::label).collect(Collectors.joining(", "))
                        + ", not " + value));
    }
}
