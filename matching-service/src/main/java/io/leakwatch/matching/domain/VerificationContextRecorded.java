package io.leakwatch.matching.domain;

import java.util.List;

/**
 * What a verification needs beyond the chunks, recorded with {@code VerificationStarted}: the submission's counts and
 * header, the claim, and the registry and data shares as they stood. matching's own event; no personal data (header
 * names are column names).
 */
public record VerificationContextRecorded(
        String sampleId,
        String incidentId,
        long rows,
        long invalidRows,
        List<String> headerNames,
        List<String> mappedColumns,
        long claimedRecordCount,
        long registryMembers,
        long registryGeneration,
        List<ShareSnapshot> shares) {

    public VerificationContextRecorded {
        headerNames = headerNames == null ? List.of() : List.copyOf(headerNames);
        mappedColumns = mappedColumns == null ? List.of() : List.copyOf(mappedColumns);
        shares = shares == null ? List.of() : List.copyOf(shares);
    }
}
