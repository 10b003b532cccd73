package io.leakwatch.platform.privacy;

/** Sex as the registry records it, with the one-letter code that is normalised and tokenised. */
public enum Sex {
    MALE("M"),
    FEMALE("F");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    /** {@code M} or {@code F}: the normalised form {@link FieldNormaliser#sex(String)} returns. */
    public String code() {
        return code;
    }
}
