package io.leakwatch.contracts.sample;

import java.util.List;

/**
 * A batch of a sample's tokenised rows on {@code leakwatch.sample-chunks}: data, not an event. Every row of a chunk
 * falls in the same partition (its key is {@link #partitionKey()}), chosen by the rows' NIK tokens, so that all rows
 * with one NIK meet in one partition and duplicates within a sample can be counted exactly.
 *
 * @param chunkNumber 0, 1, ... within the sample; {@code SampleSubmitted.chunks} says how many there are
 * @param bucket which of the sample's NIK-token buckets the rows belong to; the Kafka key
 */
public record SampleChunk(String incidentId, String sampleId, int chunkNumber, int bucket, List<SampleRow> rows) {

    public static final String SCHEMA = "urn:leakwatch:schema:SampleChunk:1";

    public SampleChunk {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** The Kafka key: the sample and the bucket, so a bucket's chunks stay in order on one partition. */
    public String partitionKey() {
        return sampleId + "/" + bucket;
    }
}
