package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;
import java.util.List;

/**
 * A sample of the leaked data was uploaded, tokenised and handed to matching in full: recorded only after every chunk
 * on {@code leakwatch.sample-chunks} was acknowledged. It is the chain-of-custody record of the upload; the rows
 * themselves travel as tokens only.
 *
 * @param sampleId the sample's id; every chunk carries it
 * @param sha256 the SHA-256 (hex) of the bytes received
 * @param bytes how many bytes were received
 * @param rows data rows read (the header excluded)
 * @param invalidRows rows whose NIK is invalid (DESIGN.md, Identifiers); they are counted, not sent
 * @param chunks how many chunks were sent (numbered 0 to chunks - 1)
 * @param headerNames the file's header names as written (column names are not personal data)
 * @param mappedColumns the canonical columns the sample supplies (nik, full_name, ...)
 * @param unmappedColumns header names that map to no canonical column; their values were never stored
 * @param tokenKeyId the id of the tokenisation key used, so matching can check it holds the same key
 * @param submittedAt when intake recorded the submission
 */
@Revision(1)
public record SampleSubmitted(
        String incidentId,
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
        Instant submittedAt)
        implements IntegrationEvent {

    public SampleSubmitted {
        headerNames = headerNames == null ? List.of() : List.copyOf(headerNames);
        mappedColumns = mappedColumns == null ? List.of() : List.copyOf(mappedColumns);
        unmappedColumns = unmappedColumns == null ? List.of() : List.copyOf(unmappedColumns);
    }
}
