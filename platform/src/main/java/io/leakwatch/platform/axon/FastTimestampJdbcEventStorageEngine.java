package io.leakwatch.platform.axon;

import com.ethlo.time.ITU;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event storage engine, but a tracked event's timestamp (stored as RFC 3339 text) is read with ethlo's ITU
 * parser instead of Axon's {@code DateTimeUtils.parseInstant}, a {@code DateTimeFormatter} parse that was a fifth of
 * what a tracking processor spent per event (docs/BENCHMARKS.md, Replay). Text ITU refuses goes to Axon's parser, so
 * every timestamp reads as it did before.
 */
final class FastTimestampJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Axon's default table and column names, which the platform's migrations create. */
    private static final EventSchema SCHEMA = new EventSchema();

    FastTimestampJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder.schema(SCHEMA));
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet row, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedDomainEventData<?> data = (TrackedDomainEventData<?>) super.getTrackedEventData(row, previousToken);
        return new WithTimestamp<>(data, parse(row.getString(SCHEMA.timestampColumn())));
    }

    static Instant parse(String timestamp) {
        try {
            return ITU.parseDateTime(timestamp).toInstant();
        } catch (DateTimeException notRfc3339) {
            return DateTimeUtils.parseInstant(timestamp);
        }
    }

    private static final class WithTimestamp<T> extends TrackedDomainEventData<T> {

        private final Instant timestamp;

        WithTimestamp(TrackedDomainEventData<T> data, Instant timestamp) {
            super(data.trackingToken(), data);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
