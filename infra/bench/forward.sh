#!/usr/bin/env bash
# Forwarding to Kafka: events/s platform's KafkaForwarder takes from the JDBC event store to a topic, and the latency
# from append to a consumer's receipt, against Kafka's ProducerPerformance (same record size, acks=all, idempotence,
# linger.ms=5) on the same broker; median of RUNS runs, sides alternating.
#   infra/bench/forward.sh [events (200000)] [runs (3)] [latency rate/s (200)] [latency seconds (15)] [batch size (1000, the platform default)]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); the store lives in the scratch database lwbench_forward
# (kept, topped up; LEAKWATCH_BENCH_FRESH=1 recreates it). Starts its own broker with infra/local/kafka.sh on
# LEAKWATCH_KAFKA_PORT (29592) / LEAKWATCH_KAFKA_CONTROLLER_PORT (29593), data under /tmp/leakwatch-bench-stream.
# FORWARD_JAVA_OPTS: extra options of the bench's JVM (e.g. -XX:StartFlightRecording=filename=/tmp/forward.jfr),
# split on spaces.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
EVENTS="${1:-200000}"
RUNS="${2:-3}"
RATE="${3:-200}"
LATENCY_SECONDS="${4:-15}"
BATCH="${5:-1000}"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
export LEAKWATCH_DATA=/tmp/leakwatch-bench-stream/infra
export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-29592}"
export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-29593}"

bench_build
if [[ "${LEAKWATCH_BENCH_FRESH:-0}" == 1 ]]; then
  $PG -c "DROP DATABASE IF EXISTS lwbench_forward"
fi
$PG -tAc "SELECT 1 FROM pg_database WHERE datname = 'lwbench_forward'" | grep -q 1 || $PG -c "CREATE DATABASE lwbench_forward"
"$BENCH_ROOT/infra/local/kafka.sh" start
trap '"$BENCH_ROOT/infra/local/kafka.sh" stop >/dev/null 2>&1 || true' EXIT

out="$(mktemp)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # FORWARD_JAVA_OPTS is a list of options
java -Xmx1g ${FORWARD_JAVA_OPTS:-} -cp "$(bench_classpath)" io.leakwatch.bench.stream.ForwardBench \
  jdbc:postgresql://127.0.0.1:5432/lwbench_forward "127.0.0.1:$LEAKWATCH_KAFKA_PORT" "$EVENTS" "$RUNS" \
  "$RATE" "$LATENCY_SECONDS" "$BATCH" | tee "$out"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

section="$(mktemp)"
{
  echo "### Forwarding to Kafka (KafkaForwarder vs ProducerPerformance)"
  echo
  echo "Command: \`infra/bench/forward.sh $EVENTS $RUNS $RATE $LATENCY_SECONDS $BATCH\` (bench module, \`io.leakwatch.bench.stream.ForwardBench\`)."
  echo "Machine: $(bench_machine). Broker: Kafka $(basename "$(ls "$LEAKWATCH_DATA"/kafka/libs/kafka_2.13-*.jar | grep -v -e test -e sources | head -1)" .jar | sed 's/kafka_2.13-//') (infra/local/kafka.sh, one KRaft node, same host)."
  echo "Load average (1/5/15 min) before: $load_before; after: $load_after."
  echo
  echo "Forwarder side: the store holds intake's integration events (as for the replay benchmark, filled through Axon"
  echo "as the services wire it); the platform's \`ForwarderModule\` registers \`KafkaForwarder\` (tracking processor"
  echo "\"kafka-forwarder\", single thread, batch $BATCH, waiting for every ack in prepare-commit) with the producer of"
  echo "\`KafkaProducerFactory\` (acks=all, idempotent, linger.ms=5). Before each run the store is cut back to the events"
  echo "filled (the earlier runs' latency events deleted, the index sequence reset) and the token deleted, so every run"
  echo "forwards the same backlog from the first event; timed from the processor's start to a consumer's receipt of the"
  echo "last record, on a new topic of 6 partitions. Then, the forwarder caught up, $RATE new events a second for"
  echo "$LATENCY_SECONDS s (one incident per commit, 16 sender threads on a fixed schedule): p50/p99 from the event's"
  echo "timestamp (taken when applied, before the commit) to the consumer's receipt; a record after the backlog that was"
  echo "appended before this phase fails the run. Commit-to-receive: from the sender's return from the append (its"
  echo "commit) to the receipt, the forwarder's and the consumer's share of append-to-receive."
  echo "Baseline: \`org.apache.kafka.tools.ProducerPerformance\` (kafka-tools at the broker's version) in its own JVM,"
  echo "as many records of the forwarder's mean key+value size, \`--throughput -1\`, acks=all, enable.idempotence=true,"
  echo "linger.ms=5, default batch.size, on a new topic of 6 partitions; its own send-to-ack figures. Sides alternate"
  echo "within each run; medians of $RUNS runs; target ratio >= 0.5."
  echo
  bench_markdown "$out"
} >"$section"
bench_record forward "$section"
rm -f "$out" "$section"
