package io.leakwatch.matching.service;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.matching.metrics.RegistryIndexMetrics;
import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.matching.registry.RegistryIndexBuilder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * The registry index of the generation that serves now. Built at start-up (in the background) and again whenever
 * another generation became current, by this replica's import or another's: {@link #current()} compares with
 * {@code registry_current} at every call (one indexed single-row read), so replicas follow an import without being
 * told.
 */
@ApplicationScoped
public class RegistryIndexHolder {

    private static final Logger LOG = Logger.getLogger(RegistryIndexHolder.class);

    /** Oldest version first: by valid_from (registration date when empty, unknown first), then by file order. */
    private static final String VERSIONS = """
            SELECT nik_token, card_no_token, full_name_token, birth_date_token, sex_token, phone_token, regency_token,
                   full_name_bloom, status, registered_on, valid_from, canary_set
            FROM registry_member_version
            WHERE generation = ?
            ORDER BY nik_token, COALESCE(valid_from, registered_on) ASC NULLS FIRST, id
            """;

    private final AgroalDataSource dataSource;
    private final RegistryIndexMetrics metrics;
    private volatile RegistryIndex index;

    RegistryIndexHolder(AgroalDataSource dataSource, RegistryIndexMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    void buildAtStart(@Observes StartupEvent event) {
        Thread builder = new Thread(
                () -> {
                    try {
                        current();
                    } catch (RuntimeException e) {
                        LOG.error("Could not build the registry index at start; it is built on first use", e);
                    }
                },
                "registry-index-builder");
        builder.setDaemon(true);
        builder.start();
    }

    /** The index of the current generation, rebuilt first if the generation changed. */
    public RegistryIndex current() {
        long generation = currentGeneration();
        RegistryIndex known = index;
        if (known != null && known.generation() == generation) {
            return known;
        }
        return rebuild(generation);
    }

    private synchronized RegistryIndex rebuild(long generation) {
        RegistryIndex known = index;
        if (known != null && known.generation() == generation) {
            return known;
        }
        long started = System.nanoTime();
        RegistryIndexBuilder builder = new RegistryIndexBuilder(generation);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // a cursor: PostgreSQL streams the rows instead of sending all at once
            try (PreparedStatement select = connection.prepareStatement(VERSIONS)) {
                select.setFetchSize(10_000);
                select.setLong(1, generation);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        byte[][] fields = new byte[RegistryIndex.FIELDS.size()][];
                        for (int slot = 0; slot < fields.length; slot++) {
                            fields[slot] = rows.getBytes(2 + slot);
                        }
                        builder.add(
                                rows.getBytes(1),
                                fields,
                                rows.getBytes(8),
                                rows.getString(9),
                                date(rows, 10),
                                date(rows, 11),
                                rows.getString(12));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read registry generation " + generation, e);
        }
        RegistryIndex built = builder.build();
        index = built;
        long millis = (System.nanoTime() - started) / 1_000_000;
        metrics.built(built, millis / 1e3);
        LOG.infof(
                "Registry index of generation %d: %d members and canaries, %d versions, key index %d bytes per member"
                        + " (%d KiB), built in %d ms",
                generation,
                built.size(),
                built.versions(),
                RegistryIndex.keyIndexBytesPerMember(),
                (long) built.size() * RegistryIndex.keyIndexBytesPerMember() / 1024,
                millis);
        return built;
    }

    /** The generation {@code registry_current} names. */
    public long currentGeneration() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT generation FROM registry_current")) {
            return row.next() ? row.getLong(1) : 0L;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the current registry generation", e);
        }
    }

    private static LocalDate date(ResultSet rows, int column) throws SQLException {
        java.sql.Date date = rows.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
