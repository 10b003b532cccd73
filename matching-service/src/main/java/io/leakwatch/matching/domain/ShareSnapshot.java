package io.leakwatch.matching.domain;

import java.util.List;

/**
 * A data share as it stood when a verification started: enough to name the share a canary set points at and to
 * compare the sample's header with its columns.
 */
public record ShareSnapshot(String name, List<String> columns, String canarySet) {

    public ShareSnapshot {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
