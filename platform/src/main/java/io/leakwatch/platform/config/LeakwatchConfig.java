package io.leakwatch.platform.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** What every Leakwatch service is told about itself and the shared Kafka topics. */
@ConfigMapping(prefix = "leakwatch")
public interface LeakwatchConfig {

    /** The service's name; the CloudEvents {@code source} of what it publishes is {@code /leakwatch/<service>}. */
    String service();

    /** Forwarding the service's own events from its event store to Kafka. */
    Forwarder forwarder();

    /** The shared topics. */
    TopicSettings topics();

    /** What {@code /q/metrics} shows. */
    Metrics metrics();

    /** What {@code /q/health/ready} requires. */
    Health health();

    /** Where spans go. */
    Tracing tracing();

    /** What the HTTP API takes. */
    Http http();

    /** How bearer tokens are checked. */
    Security security();

    /** How a Kafka consumer retries a step that failed for a reason that may pass, before its record is a dead letter. */
    ConsumerRetry consumerRetry();

    interface ConsumerRetry {

        /** The longest a record is retried in place; then it goes to the dead letters (replayable). */
        @WithDefault("PT30S")
        Duration maxDuration();

        /** The wait before the first retry; each next wait doubles (with jitter). */
        @WithDefault("PT0.05S")
        Duration initialBackoff();

        /** The longest wait between two tries. */
        @WithDefault("PT5S")
        Duration maxBackoff();
    }

    interface Metrics {

        /** How often figures that cost a query (table counts, the event store's head) are sampled. */
        @WithDefault("PT5S")
        Duration refreshInterval();
    }

    interface Health {

        /** The most event store positions a tracking processor may be behind the head and still be ready. */
        @WithDefault("1000")
        long maxProcessorLag();
    }

    interface Http {

        /**
         * The largest JSON request body; a larger one is answered 413 with a problem. JSON bodies are read whole on the
         * event loop before the resource method runs ({@code JsonBodies}); big uploads (CSV) are streamed and count
         * their own bytes against {@code quarkus.http.limits.max-body-size}.
         */
        @WithDefault("1M")
        MemorySize jsonBodyLimit();
    }

    interface Security {

        /** Tokens verified once and reused until they expire ({@code CachingJwtParser}). */
        VerifiedTokens verifiedTokens();

        interface VerifiedTokens {

            /** The most tokens kept; a client sends one token until it expires, so this bounds distinct clients. */
            @WithDefault("1000")
            int maxSize();

            /** The longest a verification is reused, however far off the token's {@code exp} is. */
            @WithDefault("PT5M")
            Duration maxAge();
        }
    }

    interface Tracing {

        /**
         * Whether spans are exported through OTLP ({@code quarkus.otel.exporter.otlp.traces.endpoint}); when false
         * (the default) tracing runs and propagates, but spans are discarded.
         */
        @WithDefault("false")
        boolean export();
    }

    interface Forwarder {

        /** The topic the service's integration events go to; no forwarder runs when unset. */
        Optional<String> topic();

        /**
         * The most events one forwarding transaction sends before its token moves. The forwarder waits for every
         * acknowledgement once per batch, so a backlog moves at ~1.6x the rate of batches of 100 (docs/BENCHMARKS.md,
         * forwarding); a forwarder that keeps up sends what is there at once, whatever this is.
         */
        @WithDefault("1000")
        int batchSize();
    }

    interface TopicSettings {

        /** Whether the service creates missing {@code leakwatch.*} topics at start (off where Strimzi manages them). */
        @WithDefault("true")
        boolean create();

        /** Partitions of a topic the service creates; replicas of a consumer split them. */
        @WithDefault("6")
        int partitions();

        /** Replication factor of a topic the service creates. */
        @WithDefault("1")
        short replicationFactor();
    }
}
