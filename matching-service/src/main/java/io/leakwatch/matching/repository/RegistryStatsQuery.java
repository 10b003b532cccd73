package io.leakwatch.matching.repository;

import io.leakwatch.matching.rest.RegistryStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts the registry with one query on the reactive PostgreSQL client. */
@ApplicationScoped
public class RegistryStatsQuery {

    // A member's latest version is the one with the latest valid_from (DESIGN.md, registry export); an empty valid_from
    // means since registered_on, and of two versions from one day the later line of the file is the later version.
    // Only the generation that serves counts: an import's rows are invisible until its switch.
    private static final String STATS = """
            WITH current_version AS (
                SELECT * FROM registry_member_version
                WHERE generation = (SELECT generation FROM registry_current)
            ),
            latest AS (
                SELECT DISTINCT ON (nik_token) status, canary_set
                FROM current_version
                ORDER BY nik_token, COALESCE(valid_from, registered_on) DESC NULLS LAST, id DESC
            )
            SELECT
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status <> 'DECEASED') AS members,
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status = 'ACTIVE') AS active,
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status = 'INACTIVE') AS inactive,
                (SELECT count(*) FROM latest WHERE canary_set IS NULL AND status = 'DECEASED') AS deceased,
                (SELECT count(*) FROM current_version) AS versions,
                (SELECT count(DISTINCT canary_set) FROM current_version) AS canary_sets
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
