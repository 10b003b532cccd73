#!/usr/bin/env bash
# Replay: events/s a fresh Axon tracking processor reads from the JDBC event store into a no-op projection, against
# COPY (SELECT ... ORDER BY globalindex) TO STDOUT of the same table into a null stream; median of RUNS runs.
#   infra/bench/replay.sh [events (1000000)] [runs (3)] [sides: processor batch sizes, 0 = the platform default, or pooledN = a pooled streaming processor of N segments (0,1,100,1000)] [cap seconds (120)]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust). The store lives in the scratch database lwbench_replay,
# kept between runs (filling 1M events through Axon takes minutes) and topped up when it holds fewer than EVENTS;
# LEAKWATCH_BENCH_FRESH=1 recreates it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
EVENTS="${1:-1000000}"
RUNS="${2:-3}"
BATCHES="${3:-0,1,100,1000}"
CAP="${4:-120}"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"

bench_build
if [[ "${LEAKWATCH_BENCH_FRESH:-0}" == 1 ]]; then
  $PG -c "DROP DATABASE IF EXISTS lwbench_replay"
fi
$PG -tAc "SELECT 1 FROM pg_database WHERE datname = 'lwbench_replay'" | grep -q 1 || $PG -c "CREATE DATABASE lwbench_replay"
out="$(mktemp)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$(bench_classpath)" io.leakwatch.bench.stream.ReplayBench \
  jdbc:postgresql://127.0.0.1:5432/lwbench_replay "$EVENTS" "$RUNS" "$BATCHES" "$CAP" | tee "$out"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

section="$(mktemp)"
{
  echo "### Replay (fresh tracking processor vs COPY of the event table)"
  echo
  echo "Command: \`infra/bench/replay.sh $EVENTS $RUNS $BATCHES $CAP\` (bench module, \`io.leakwatch.bench.stream.ReplayBench\`)."
  echo "Machine: $(bench_machine). PostgreSQL: $($PG -d lwbench_replay -tAc 'SHOW server_version'), same host."
  echo "Load average (1/5/15 min) before: $load_before; after: $load_after."
  echo
  echo "The store is filled through Axon as the services wire it (\`AxonRuntime.configurer\`, on Narayana JTA and an"
  echo "Agroal pool, \`StandaloneAxon\`): intake's own payloads, an \`IncidentReported\` and nine \`SightingRecorded\` per"
  echo "incident, ten events per commit. Processor side: a fresh \`TrackingEventProcessor\` (token deleted), single"
  echo "thread, the given batch size (events per transaction; \"platform default\": registered as the projections are,"
  echo "with \`AxonRuntime\`'s default configuration), the platform's JDBC token store, a handler taking every"
  echo "\`IntegrationEvent\` deserialised and counting it; timed from \`start()\` until it has counted every event."
  echo "A side \"pooledN\" is a fresh \`PooledStreamingEventProcessor\` of N segments (N claimed, the platform's 1,000"
  echo "events per batch) instead, with the same handler."
  echo "Baseline: \`COPY (SELECT <all columns> FROM domainevententry"
  echo "ORDER BY globalindex) TO STDOUT\` through pgjdbc's \`CopyManager\` into a null stream. Sides take turns within"
  echo "each run (order alternating); medians of $RUNS runs; target ratio >= 0.3. A processor side still short of the"
  echo "end after $CAP s is stopped and rated on what it handled."
  echo
  bench_markdown "$out"
} >"$section"
bench_record replay "$section"
rm -f "$out" "$section"
