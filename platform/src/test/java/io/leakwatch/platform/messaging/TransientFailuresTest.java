package io.leakwatch.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void connectionLossesRestartsAndLostRacesAreTransientWhereverTheyAreInTheChain() {
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("terminating", "57P01"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("starting up", "57P03"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("serialization", "40001"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("deadlock", "40P01"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLTransientConnectionException("pool timeout")))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new ConnectException("refused"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new ConcurrencyException("lost an append race")))
                .isTrue();
        assertThat(TransientFailures.isTransient(
                        new EventStoreException("append failed", new SQLException("gone", "08003"))))
                .isTrue();
    }

    @Test
    void badDataAndBugsAreNot() {
        assertThat(TransientFailures.isTransient(new CloudEventCodec.MalformedEventException("not a CloudEvent")))
                .isFalse();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("value too long", "22001"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("no state"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("blank reason")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
    }

    private static RuntimeException wrapped(Exception cause) {
        return new IllegalStateException("handler failed", new RuntimeException("inner", cause));
    }
}
