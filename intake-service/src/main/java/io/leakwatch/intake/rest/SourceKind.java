package io.leakwatch.intake.rest;

/** Where a claim was seen. */
public enum SourceKind {
    FORUM,
    SOCIAL_MEDIA,
    MEDIA,
    TIP,
    OTHER
}
