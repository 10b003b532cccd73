package io.leakwatch.matching.repository;

import io.leakwatch.matching.rest.RegistryStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts the registry with one query on the reactive PostgreSQL client. */
@ApplicationScoped
public class RegistryStatsQuery {

    // A member's latest version is the one with the latest valid_from (DESIGN.md, registry export).
    private static final String STATS = """
            WITH latest AS (
                SELECT DISTINCT ON (nik_token) status, canary_set
                FROM registry_member_version
                ORDER BY nik_token, valid_from DESC
            )
            SELECT
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status <> 'DECEASED') AS members,
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status = 'ACTIVE') AS active,
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status = 'INACTIVE') AS inactive,
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status = 'DECEASED') AS deceased,
                (SELECT count(*) FROM registry_member_version) AS versions,
                (SELECT count(DISTINCT canary_set) FROM registry_member_version) AS canary_sets
            """;

    private final Pool client;

    RegistryStatsQuery(Pool client) {
        this.client = client;
    }

    public Uni<RegistryStats> stats() {
        return client.query(STATS).execute().map(rows -> toStats(rows.iterator().next()));
    }

    private static RegistryStats toStats(Row row) {
        return new RegistryStats(
                row.getLong("members"),
                row.getLong("active"),
                row.getLong("inactive"),
                row.getLong("deceased"),
                row.getLong("versions"),
                row.getLong("canary_sets"));
    }
}
