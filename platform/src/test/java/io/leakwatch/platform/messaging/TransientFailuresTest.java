package io.leakwatch.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.impl.NoStackTraceThrowable;
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
    void aLostRaceIsTransientButTheDatabaseIsNotUnavailable() {
        assertThat(TransientFailures.isUnavailable(wrapped(new SQLException("serialization", "40001"))))
                .isFalse();
        assertThat(TransientFailures.isUnavailable(wrapped(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(TransientFailures.isUnavailable(new ConcurrencyException("lost an append race")))
                .isFalse();
        assertThat(TransientFailures.isUnavailable(wrapped(new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(TransientFailures.isUnavailable(wrapped(new SQLException("too many connections", "53300"))))
                .isTrue();
    }

    /** Pool timeouts: what OverloadProblemsTest gets from the real pools, here for the consumers' retries. */
    @Test
    void aConnectionPoolThatGaveNoConnectionInTimeIsTransient() {
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new NoStackTraceThrowable("Timeout"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("Sorry, no such table"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(wrapped(new NoStackTraceThrowable("Closed"))))
                .isFalse();
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

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("handler failed", new RuntimeException("inner", cause));
    }
}
