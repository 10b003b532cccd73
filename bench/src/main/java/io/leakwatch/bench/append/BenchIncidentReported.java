package io.leakwatch.bench.append;

/** Shaped like intake's first event: a few short strings and a count, about 200 bytes of JSON. */
public record BenchIncidentReported(String id, String title, String source, long claimedRecords) {}
