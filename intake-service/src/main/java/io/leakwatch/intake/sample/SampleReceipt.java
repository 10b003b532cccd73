package io.leakwatch.intake.sample;

import java.time.Instant;
import java.util.List;

/**
 * What an accepted upload recorded ({@code SampleSubmitted}'s figures), plus the rows that could not be read as rows.
 *
 * @param raggedRows rows with more or fewer cells than the header; counted among {@code invalidRows}, never sent
 * @param raggedLines the lines of the first {@value SampleUploader#RAGGED_LINES_SHOWN} of them
 */
public record SampleReceipt(
        String incidentId,
        String sampleId,
        String sha256,
        long bytes,
        long rows,
        long invalidRows,
        long raggedRows,
        List<Long> raggedLines,
        int chunks,
        List<String> headerNames,
        List<String> mappedColumns,
        List<String> unmappedColumns,
        String tokenKeyId,
        Instant submittedAt) {}
