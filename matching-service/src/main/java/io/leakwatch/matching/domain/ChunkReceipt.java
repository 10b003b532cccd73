package io.leakwatch.matching.domain;

/** What a sample's Verification did with delivered chunks (the answer to {@link RecordChunks}). */
public enum ChunkReceipt {
    /** At least one partial result is now part of the verification. */
    RECORDED,
    /** Every chunk was recorded before (or had no valid chunk number): nothing changed. */
    IGNORED,
    /**
     * The verification had already completed, failed or dropped its chunks: nothing changed, and nothing about these
     * chunks (such as the NIK tokens it claimed) should be kept.
     */
    VERIFICATION_OVER
}
