package io.leakwatch.platform.messaging;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.platform.logging.IncidentMdc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Makes a Kafka consumer idempotent: an event id is handled at most once per consumer, and the record of having handled
 * it commits in the same transaction as whatever the handling wrote (commands' events, projection rows). A redelivered
 * or re-forwarded record is skipped. While the handler runs, the incident id (the CloudEvent's subject) is in the
 * logging MDC.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final AgroalDataSource dataSource;
    private final CloudEventCodec codec = new CloudEventCodec();

    Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Decodes a record and hands its event to {@code handler} unless {@code consumer} handled that event id before.
     *
     * @return whether the handler ran
     */
    @Transactional
    public boolean receive(String consumer, String record, Consumer<CloudEvent<IntegrationEvent>> handler) {
        Optional<CloudEvent<IntegrationEvent>> event = codec.decode(record);
        if (event.isEmpty()) {
            return false;
        }
        // The batch form's statement, for a batch of one (it logs the skip).
        if (firstDeliveries(consumer, List.of(event.get()), CloudEvent::id).isEmpty()) {
            return false;
        }
        try (IncidentMdc.Scope scope = IncidentMdc.put(event.get().subject())) {
            handler.accept(event.get());
        }
        return true;
    }

    /**
     * The items of a batch whose events {@code consumer} has not handled before, in their order (an event twice in the
     * batch counts once, the first time), recorded as handled in the current transaction: the caller handles them in
     * the same transaction. One statement for the whole batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<T> firstDeliveries(String consumer, List<T> items, Function<T, String> eventId) {
        String[] ids = items.stream().map(eventId).toArray(String[]::new);
        Set<String> recorded = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO processed_event (consumer, event_id)"
                                + " SELECT ?, id FROM unnest(?::text[]) AS id ON CONFLICT DO NOTHING RETURNING event_id")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text", ids));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    recorded.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a batch of " + ids.length + " events for " + consumer, e);
        }
        List<T> first = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            // remove: the second copy of an event in this batch is not a first delivery.
            if (recorded.remove(ids[i])) {
                first.add(items.get(i));
            } else {
                LOG.debugf("%s skips event %s: already handled", consumer, ids[i]);
            }
        }
        return first;
    }
}
