package io.leakwatch.matching.domain;

/** What a sample's Verification did with a delivered chunk (the answer to {@link RecordChunk}). */
public enum ChunkReceipt {
    /** Its partial result is now part of the verification. */
    RECORDED,
    /** A delivery of a chunk already recorded (or one without a valid chunk number): nothing changed. */
    IGNORED,
    /**
     * The verification had already completed, failed or dropped its chunks: nothing changed, and nothing about this
     * chunk (such as the NIK tokens it claimed) should be kept.
     */
    VERIFICATION_OVER
}
