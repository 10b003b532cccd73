package io.leakwatch.bench.stream;

/** Creates one incident whose report is followed by {@code sightings} sightings: 1 + sightings events, one commit. */
public record RecordIncident(String incidentId, int sightings) {}
