#!/usr/bin/env bash
# Event append, in two modes, each against a plain JDBC insert loop into a copy of domainevententry, one transaction
# per row, at concurrency 1, 4 and 16, the sides taking turns in one-second slices; medians of the runs.
#   infra/bench/append.sh [seconds-per-cell (5)] [runs (3)]
#       Axon's JdbcEventStorageEngine in process, wired as AxonRuntime wires it but without Quarkus and JTA; p99 commit.
#       Scratch database leakwatch_bench (recreated).
#   infra/bench/append.sh http [seconds-per-cell (5)] [runs (3)] [appends (1000000)]
#       the issue's measure: POST /api/v1/incidents to a packaged intake-service (HTTP -> Axon -> Narayana JTA ->
#       commit) against the plain loop inserting intake's own IncidentReported row; the in-process Axon alongside; a
#       plain fdatasync loop (8 KiB write + FileChannel.force(false)) on the disk of PostgreSQL's data directory as the
#       p99 floor; then <appends> commands through the in-process Axon and the gap check of both stores' global index.
#       Starts its own Kafka broker (LEAKWATCH_KAFKA_PORT 19642 / controller 19643) and intake-service
#       (LEAKWATCH_BENCH_INTAKE_PORT, 19681) on the scratch database lwbench_append_intake, under
#       LEAKWATCH_DATA=/tmp/leakwatch-bench/append-http (the fdatasync file too: LEAKWATCH_BENCH_FSYNC_DIR to put it
#       elsewhere, it must be on the data directory's device); scratch database lwbench_append. The HTTP side is warmed
#       up first for LEAKWATCH_BENCH_WARMUP_SECONDS (90) on 16 threads, not recorded. Both databases are
#       recreated; the broker and the service are stopped at the end. LEAKWATCH_BENCH_NO_BUILD=1 skips the build.
#       Two runs at once need their own names: LEAKWATCH_BENCH_DATA, LEAKWATCH_BENCH_INTAKE_DB, LEAKWATCH_BENCH_DB
#       (and the ports above).
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"

if [[ "${1:-}" == http ]]; then
  SECONDS_PER_CELL="${2:-5}"
  RUNS="${3:-3}"
  APPENDS="${4:-1000000}"
  WARM_UP="${LEAKWATCH_BENCH_WARMUP_SECONDS:-90}"
  export LEAKWATCH_DATA="${LEAKWATCH_BENCH_DATA:-/tmp/leakwatch-bench/append-http}"
  INTAKE_DB="${LEAKWATCH_BENCH_INTAKE_DB:-lwbench_append_intake}"
  BENCH_DB="${LEAKWATCH_BENCH_DB:-lwbench_append}"
  export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-19642}"
  export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-19643}"
  PORT="${LEAKWATCH_BENCH_INTAKE_PORT:-19681}"
  FSYNC_DIR="${LEAKWATCH_BENCH_FSYNC_DIR:-$LEAKWATCH_DATA}"
  cd "$BENCH_ROOT"
  [[ -n "${LEAKWATCH_BENCH_NO_BUILD:-}" ]] || ./mvnw -B -q -o package -DskipTests -Pbench -pl bench,intake-service -am
  CP="$(bench_classpath)"
  mkdir -p "$FSYNC_DIR"
  pgdata="$($PG -tAc 'SHOW data_directory')"
  if [[ "$(stat -c %d "$pgdata")" != "$(stat -c %d "$FSYNC_DIR")" ]]; then
    echo "$FSYNC_DIR is not on the device of PostgreSQL's data directory $pgdata; set LEAKWATCH_BENCH_FSYNC_DIR" >&2
    exit 1
  fi
  $PG -c "DROP DATABASE IF EXISTS $INTAKE_DB" -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
  bench_start_intake "$INTAKE_DB" "$PORT"
  out="$(mktemp)"
  env LEAKWATCH_BENCH_TOKEN="$BENCH_TOKEN" java -Xmx1g -cp "$CP" io.leakwatch.bench.append.HttpAppendBench \
    "http://127.0.0.1:$PORT" "jdbc:postgresql://127.0.0.1:5432/$BENCH_DB" \
    "jdbc:postgresql://127.0.0.1:5432/$INTAKE_DB" "$FSYNC_DIR/fdatasync.bin" \
    "$SECONDS_PER_CELL" 1,4,16 "$RUNS" "$APPENDS" "$BENCH_INTAKE_PID" "$WARM_UP" | tee "$out"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  section="$(mktemp)"
  {
    echo "### Event append through intake's HTTP API (vs plain JDBC inserts; p99 vs fdatasync; global index gaps)"
    echo
    echo "Command: \`infra/bench/append.sh http $SECONDS_PER_CELL $RUNS $APPENDS\` (bench module,"
    echo "\`io.leakwatch.bench.append.HttpAppendBench\`)."
    echo "Machine: $(bench_machine); load average at the end $load (the box is shared)."
    echo "PostgreSQL: $($PG -tAc 'SHOW server_version'), same host, data directory $pgdata"
    echo "(\`wal_sync_method\` $($PG -tAc 'SHOW wal_sync_method'), \`synchronous_commit\` $($PG -tAc 'SHOW synchronous_commit'));"
    echo "fdatasync file on the same device ($(df --output=source "$pgdata" | tail -1))."
    echo
    echo "HTTP side: \`intake-service\`'s packaged jar (\`-Xmx256m\`) with its own Kafka broker; each call is a"
    echo "\`POST /api/v1/incidents\` of a new claim (a new thread link each time, so always 201, one \`IncidentReported\`):"
    echo "bearer JWT, strict JSON, the duplicate lookup, the \`ReportIncident\` command, Axon's append, Narayana JTA's"
    echo "commit, the incident as the answer. One Vert.x HTTP/1.1 client (one event loop, a keep-alive connection per"
    echo "thread) shared by 1, 4 or 16 threads, after $WARM_UP s of POSTs on 16 threads (not recorded) to warm the JITs."
    echo "Baseline: a plain JDBC loop on as many threads inserting the row intake wrote for"
    echo "\`IncidentReported\` (same payload and metadata bytes, new ids) into \`baseline_evententry\` (the platform's DDL"
    echo "for \`domainevententry\`), one transaction per row, Agroal pool. Alongside: Axon in the bench's JVM as in"
    echo "\`append.sh\` (no HTTP, no JTA), and one thread writing an 8 KiB page into a preallocated 16 MiB file then"
    echo "\`FileChannel.force(false)\` (fdatasync). The four sides take turns in one-second slices"
    echo "(${SECONDS_PER_CELL} each per cell, order rotating); all three tables grow over the run (no truncation between"
    echo "cells). intake's tracking processors (forwarder to Kafka, summaries) run in the background and catch up in"
    echo "whichever slice follows. Latencies: from sending the request (starting the command or transaction) to the"
    echo "answer (the commit)."
    echo
    bench_markdown "$out"
  } >"$section"
  bench_record append-http "$section"
  rm -f "$out" "$section"
  exit 0
fi
SECONDS_PER_CELL="${1:-5}"
RUNS="${2:-3}"

bench_build
$PG -c "DROP DATABASE IF EXISTS leakwatch_bench" -c "CREATE DATABASE leakwatch_bench"
out="$(mktemp)"
java -Xmx1g -cp "$(bench_classpath)" io.leakwatch.bench.append.AppendBench \
  jdbc:postgresql://127.0.0.1:5432/leakwatch_bench "$SECONDS_PER_CELL" 1,4,16 "$RUNS" | tee "$out"

section="$(mktemp)"
{
  echo "### Event append (Axon JDBC store vs plain JDBC inserts)"
  echo
  echo "Command: \`infra/bench/append.sh $SECONDS_PER_CELL $RUNS\` (bench module, \`io.leakwatch.bench.append.AppendBench\`)."
  echo "Machine: $(bench_machine). PostgreSQL: $($PG -d leakwatch_bench -tAc 'SHOW server_version'), same host."
  echo
  echo "Each command creates a new aggregate, so it appends one event in one transaction; the baseline inserts the same"
  echo "columns and JSON into \`baseline_evententry\` (the same DDL) one transaction per row. In each cell the two sides"
  echo "take turns in one-second slices (${SECONDS_PER_CELL} each, order alternating), so both see the same load from the"
  echo "box's neighbours; figures are medians of $RUNS runs; target ratio >= 0.7. p99 is the time from sending the"
  echo "command (starting the transaction) to its commit, over all commands of the cell."
  echo "Axon is wired as \`AxonRuntime\` wires it (Agroal pool, \`AxonJson\` Jackson serializer, \`SQLStateResolver\`, the"
  echo "platform's DDL) but outside Quarkus: the unit of work commits its own JDBC connection"
  echo "(\`UnitOfWorkAwareConnectionProviderWrapper\`) instead of Narayana JTA, so JTA's own cost is not in these figures."
  echo
  bench_markdown "$out"
} >"$section"
bench_record append "$section"
rm -f "$out" "$section"
