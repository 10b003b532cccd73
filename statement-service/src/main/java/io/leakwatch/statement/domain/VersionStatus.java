package io.leakwatch.statement.domain;

/** Where one version of a statement stands. Only PUBLISHED versions are public. */
public enum VersionStatus {
    DRAFT,
    APPROVED,
    PUBLISHED,
    WITHDRAWN
}
