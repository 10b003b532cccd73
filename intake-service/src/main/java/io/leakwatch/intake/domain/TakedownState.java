package io.leakwatch.intake.domain;

/** How far the takedown of an offer link has got. */
public enum TakedownState {
    /** The host was asked to remove the offer. */
    REQUESTED,
    /** The offer is gone. */
    DONE,
    /** The host refused or did not act. */
    FAILED;

    /** @throws IllegalArgumentException when {@code value} names no state */
    public static TakedownState of(String value) {
        return Vocabulary.parse(TakedownState.class, value, "A takedown state");
    }
}
