#!/usr/bin/env bash
# Event append: commands/s through Axon's JdbcEventStorageEngine into PostgreSQL against a plain JDBC insert loop into
# a copy of domainevententry, one transaction per row, at concurrency 1, 4 and 16; median of 3 runs; p99 commit time.
#   infra/bench/append.sh [seconds-per-cell (5)] [runs (3)]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); uses the scratch database leakwatch_bench (recreated).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SECONDS_PER_CELL="${1:-5}"
RUNS="${2:-3}"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"

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
