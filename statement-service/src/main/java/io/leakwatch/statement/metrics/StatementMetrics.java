package io.leakwatch.statement.metrics;

import io.agroal.api.AgroalDataSource;
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

/**
 * {@code leakwatch_statements_awaiting_approval}: incidents whose latest statement version is a draft (drafted from
 * facts or edited by a person), i.e. statements a person with the {@code comms} role has to approve. Note: an older
 * draft that a newer version superseded cannot be approved any more, so it is not counted; each incident counts once.
 */
@ApplicationScoped
class StatementMetrics {

    static final String AWAITING_APPROVAL = "leakwatch.statements.awaiting.approval";

    private static final String COUNT = """
            SELECT count(*) FROM statement_version v
            WHERE v.status = 'DRAFT'
              AND v.version = (SELECT max(w.version) FROM statement_version w WHERE w.incident_id = v.incident_id)
            """;

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final MetricsSampler sampler;
    private volatile long awaitingApproval;

    StatementMetrics(AgroalDataSource dataSource, MeterRegistry registry, MetricsSampler sampler) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.sampler = sampler;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder(AWAITING_APPROVAL, this, metrics -> metrics.awaitingApproval)
                .description("Incidents whose latest statement version is a draft awaiting approval")
                .register(registry);
        sampler.every("statements awaiting approval", this::refresh);
    }

    private void refresh() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(COUNT);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            awaitingApproval = rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count statements awaiting approval", e);
        }
    }
}
