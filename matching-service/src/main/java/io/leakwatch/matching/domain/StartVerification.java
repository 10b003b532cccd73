package io.leakwatch.matching.domain;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A sample was submitted: start its verification with what the submission and this service know.
 *
 * @param sameTokenKey whether intake tokenised the sample under the key matching holds
 */
public record StartVerification(
        @TargetAggregateIdentifier String sampleId,
        String incidentId,
        int chunksExpected,
        long rows,
        long invalidRows,
        List<String> headerNames,
        List<String> mappedColumns,
        long claimedRecordCount,
        long registryMembers,
        long registryGeneration,
        List<ShareSnapshot> shares,
        boolean sameTokenKey,
        Instant startedAt) {}
