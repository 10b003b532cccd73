#!/usr/bin/env bash
# The rebuild of statement-service's read models (issue 8, point 2): its replay (ProjectionReplay) against a plain-SQL
# rebuild of the same rows, on the topics and tables the last journey left (infra/bench/journey.sh runs this at its
# end), median of RUNS runs, sides alternating.
#   infra/bench/rebuild.sh [runs (3)]
# Needs the journey's data: its broker's storage under /tmp/leakwatch-bench-stream/journey (started here on
# LEAKWATCH_KAFKA_PORT / _CONTROLLER_PORT, 29692 / 29693, if it is not running) and the database
# lwbench_journey_statement.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${1:-3}"
# Which journey left the data, for the section's text (journey.sh passes its arguments).
SOURCE="${2:-journey.sh}"
export LEAKWATCH_DATA=/tmp/leakwatch-bench-stream/journey
export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-29692}"
export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-29693}"

cd "$BENCH_ROOT"
[[ "${LEAKWATCH_BENCH_SKIP_BUILD:-0}" == 1 ]] || bench_build
trap '"$BENCH_ROOT/infra/local/kafka.sh" stop >/dev/null 2>&1 || true' EXIT
"$BENCH_ROOT/infra/local/kafka.sh" start >/dev/null
out="$(mktemp)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# ProjectionReplay reads every record of the three topics into memory before it sorts them: 1 GiB ran out at ~70,000
# events (50/s for three runs of 5 minutes).
java -Xmx6g -cp "$(bench_classpath)" io.leakwatch.statement.audit.RebuildBench \
  jdbc:postgresql://127.0.0.1:5432/lwbench_journey_statement "127.0.0.1:$LEAKWATCH_KAFKA_PORT" "$RUNS" | tee "$out"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
section="$(mktemp)"
{
  echo "### Rebuild of statement-service's read models (its replay vs plain SQL)"
  echo
  echo "Command: \`infra/bench/rebuild.sh $RUNS\` (bench module,"
  echo "\`io.leakwatch.statement.audit.RebuildBench\`), on the topics and tables \`infra/bench/$SOURCE\` left."
  echo "Machine: $(bench_machine). Load average before: $load_before; after: $load_after."
  echo
  echo "Replay side: \`ProjectionReplay\`'s own steps, \`createSchema\` (the read tables LIKE the live ones) and"
  echo "\`project\` (every record of the three event topics up to their end offsets, sorted as it sorts them, decoded"
  echo "and projected by \`IncidentFactsRepository\`, \`StatementVersionProjection\` and \`AuditTrail\`, once per"
  echo "event id). Plain-SQL side: the same \`readTopics\` (same input), the same \`createSchema\`, then the live"
  echo "read models' rows (loaded before the clock starts) inserted with JDBC batches of 1,000, one transaction per"
  echo "table. The comparison a replay does afterwards is in neither. Sides alternate; medians of $RUNS runs;"
  echo "ratio = plain-SQL time / replay time, target >= 0.5."
  echo
  bench_markdown "$out"
} >"$section"
bench_record rebuild "$section"
rm -f "$out" "$section"
