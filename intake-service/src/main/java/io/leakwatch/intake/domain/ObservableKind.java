package io.leakwatch.intake.domain;

/** What kind of trace of an offer an observable is. */
public enum ObservableKind {
    /** Where the data is offered: a forum thread, a channel, a paste. Only these can be taken down. */
    OFFER_LINK,
    /** The seller's handle, as seen. */
    SELLER_HANDLE,
    /** The SHA-256 of a file of the offered data. */
    FILE_DIGEST;

    /** @throws IllegalArgumentException when {@code value} names no kind */
    public static ObservableKind of(String value) {
        return Vocabulary.parse(ObservableKind.class, value, "An observable kind");
    }
}
