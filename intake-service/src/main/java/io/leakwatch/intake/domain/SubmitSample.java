package io.leakwatch.intake.domain;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a sample was uploaded, tokenised and handed to matching in full (every chunk acknowledged). The figures
 * are those of {@code SampleSubmitted}; the caller measured them while the file streamed through.
 */
public record SubmitSample(
        @TargetAggregateIdentifier String incidentId,
        String sampleId,
        String sha256,
        long bytes,
        long rows,
        long invalidRows,
        int chunks,
        List<String> headerNames,
        List<String> mappedColumns,
        List<String> unmappedColumns,
        String tokenKeyId,
        Instant submittedAt) {}
