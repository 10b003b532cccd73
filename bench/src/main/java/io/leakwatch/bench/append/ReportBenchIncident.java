package io.leakwatch.bench.append;

public record ReportBenchIncident(String id, String title, String source, long claimedRecords) {}
