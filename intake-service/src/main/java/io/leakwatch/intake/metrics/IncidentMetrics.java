package io.leakwatch.intake.metrics;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.intake.domain.IncidentStatus;
import io.leakwatch.platform.metrics.MetricsSampler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code leakwatch_incidents{status}}: how many incidents stand at each status, from the {@code incident_summary}
 * projection. One grouped count per sampling interval feeds every status's gauge.
 */
@ApplicationScoped
class IncidentMetrics {

    static final String INCIDENTS = "leakwatch.incidents";

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final MetricsSampler sampler;
    private volatile Map<IncidentStatus, Long> counts = new EnumMap<>(IncidentStatus.class);

    IncidentMetrics(AgroalDataSource dataSource, MeterRegistry registry, MetricsSampler sampler) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.sampler = sampler;
    }

    void register(@Observes StartupEvent event) {
        for (IncidentStatus status : IncidentStatus.values()) {
            Gauge.builder(INCIDENTS, this, metrics -> metrics.counts.getOrDefault(status, 0L))
                    .tag("status", status.name())
                    .description("Incidents at each status (incident_summary projection)")
                    .register(registry);
        }
        sampler.every("incidents by status", this::refresh);
    }

    private void refresh() {
        Map<IncidentStatus, Long> fresh = new EnumMap<>(IncidentStatus.class);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT status, count(*) FROM incident_summary GROUP BY status");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                fresh.put(IncidentStatus.valueOf(rows.getString(1)), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count incidents by status", e);
        }
        counts = fresh;
    }
}
