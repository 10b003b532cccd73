#!/usr/bin/env bash
# The whole journey: from the intake POST of an incident to its first statement draft being readable at
# statement-service, p50/p99 and errors under an open-loop load of RATE incidents a second for SECONDS, median of RUNS
# runs (after a warm-up of a tenth of a run). Target (issue 8): p99 under 1 s, no errors; no baseline, the machine's
# load is recorded instead.
#   infra/bench/journey.sh [rate (50)] [seconds (300)] [runs (3)] [poll ms (50)] [observe every Nth incident (10)]
# Runs the three packaged services as infra/local/services.sh does (-Xmx256m, the development JWT key, a tokenisation
# key) on LEAKWATCH_INTAKE_PORT / _MATCHING_PORT / _STATEMENT_PORT (28381-28383), fresh databases lwbench_journey_*,
# and a broker of its own (infra/local/kafka.sh on LEAKWATCH_KAFKA_PORT 29692 / 29693), data under
# /tmp/leakwatch-bench-stream/journey; stops them all when done.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RATE="${1:-50}"
SECONDS_PER_RUN="${2:-300}"
RUNS="${3:-3}"
POLL_MS="${4:-50}"
# Every OBSERVE_EVERY-th incident is followed to its draft (polling every one made the bench its own load).
OBSERVE_EVERY="${5:-10}"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
export LEAKWATCH_DATA=/tmp/leakwatch-bench-stream/journey
export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-29692}"
export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-29693}"
declare -A PORT=(
  [intake-service]="${LEAKWATCH_INTAKE_PORT:-28381}"
  [matching-service]="${LEAKWATCH_MATCHING_PORT:-28382}"
  [statement-service]="${LEAKWATCH_STATEMENT_PORT:-28383}"
)
SERVICES=(intake-service matching-service statement-service)
RUN_DIR="$LEAKWATCH_DATA/services"

cd "$BENCH_ROOT"
# LEAKWATCH_BENCH_SKIP_BUILD=1 runs what is built already (when another bench has just built it).
if [[ "${LEAKWATCH_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -o package -DskipTests -Pbench -pl intake-service,matching-service,statement-service,bench -am
fi
mkdir -p "$RUN_DIR"
# shellcheck source=infra/local/lib.sh
source "$BENCH_ROOT/infra/local/lib.sh"
lw_ensure_jwt_keys >/dev/null
TOKEN_KEY="$(openssl rand -base64 32)"

declare -A PID
stop_all() {
  local svc
  for svc in "${SERVICES[@]}"; do
    if [[ -n "${PID[$svc]:-}" ]] && kill -0 "${PID[$svc]}" 2>/dev/null; then
      kill "${PID[$svc]}" && wait "${PID[$svc]}" 2>/dev/null || true
    fi
  done
  "$BENCH_ROOT/infra/local/kafka.sh" stop >/dev/null 2>&1 || true
}
trap stop_all EXIT

# A broker with empty topics, like the fresh databases: records an earlier run left would be consumed again (the
# services start from the earliest offset), and the rebuild would replay them.
"$BENCH_ROOT/infra/local/kafka.sh" stop >/dev/null 2>&1 || true
rm -rf "$LEAKWATCH_DATA/kafka/data"
"$BENCH_ROOT/infra/local/kafka.sh" start
for svc in "${SERVICES[@]}"; do
  db="lwbench_journey_${svc%-service}"
  $PG -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  env LEAKWATCH_TOKENISATION_KEY="$TOKEN_KEY" java -Xmx256m -Dquarkus.http.port="${PORT[$svc]}" \
    -Dkafka.bootstrap.servers="127.0.0.1:$LEAKWATCH_KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="$LW_JWT_DIR/public.pem" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" \
    -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:5432/$db" \
    -jar "$svc/target/quarkus-app/quarkus-run.jar" >"$RUN_DIR/$svc.log" 2>&1 &
  PID[$svc]=$!
done
for svc in "${SERVICES[@]}"; do
  for _ in $(seq 1 1800); do
    curl -fsS -o /dev/null -m 2 "http://127.0.0.1:${PORT[$svc]}/q/health/ready" 2>/dev/null && break
    kill -0 "${PID[$svc]}" 2>/dev/null || { tail -40 "$RUN_DIR/$svc.log" >&2; echo "$svc exited" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS -o /dev/null -m 2 "http://127.0.0.1:${PORT[$svc]}/q/health/ready" ||
    { tail -40 "$RUN_DIR/$svc.log" >&2; echo "$svc not ready within 180 s" >&2; exit 1; }
  echo "$svc ready on ${PORT[$svc]} (pid ${PID[$svc]})"
done

# CPU seconds a process has used so far (utime + stime).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
declare -A CPU0
for svc in "${SERVICES[@]}"; do CPU0[$svc]="$(cpu_seconds "${PID[$svc]}")"; done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
t0="$(date +%s)"
out="$(mktemp)"
LW_REPORTER_TOKEN="$(lw_token reporter)" LW_COMMS_TOKEN="$(lw_token comms)" \
  java -Xmx512m -cp "$(bench_classpath)" io.leakwatch.bench.journey.JourneyBench \
  "http://127.0.0.1:${PORT[intake-service]}" "http://127.0.0.1:${PORT[statement-service]}" \
  "$RATE" "$SECONDS_PER_RUN" "$POLL_MS" "$RUNS" "$OBSERVE_EVERY" | tee "$out"
elapsed="$(($(date +%s) - t0))"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_line=""
for svc in "${SERVICES[@]}"; do
  used="$(echo "$(cpu_seconds "${PID[$svc]}") - ${CPU0[$svc]}" | bc)"
  cpu_line+="$svc $(printf '%.0f' "$(echo "100 * $used / $elapsed" | bc -l)")%, "
done

section="$(mktemp)"
{
  echo "### The whole journey (intake POST to first statement draft, open loop)"
  echo
  echo "Command: \`infra/bench/journey.sh $RATE $SECONDS_PER_RUN $RUNS $POLL_MS $OBSERVE_EVERY\` (bench module, \`io.leakwatch.bench.journey.JourneyBench\`)."
  echo "Machine: $(bench_machine)."
  echo "Load average (1/5/15 min) before: $load_before; after: $load_after. CPU of one core used by the services"
  echo "over the $elapsed s of load: ${cpu_line%, } (2 cores in all, shared with other work on this box)."
  echo
  echo "The three packaged services (\`quarkus-run.jar\`, \`-Xmx256m\`, as \`infra/local/services.sh\` starts them),"
  echo "fresh databases, a broker of their own. Open loop: incident i is due at start + i/$RATE s and sent then (async"
  echo "HTTP client, whatever the earlier ones are doing), each with its own source URL (so none is a sighting of"
  echo "another); once intake answers 201, for every ${OBSERVE_EVERY}th incident (polling all of them made the bench its own"
  echo "load: thousands of authenticated GETs a second), \`GET .../statements/latest\` is polled every $POLL_MS ms until it answers"
  echo "200. Latency = first 200 - due time (so it includes any delay in sending: no coordinated omission; polling adds"
  echo "up to $POLL_MS ms). Error = a POST not 201, a GET neither 200 nor 404, or no draft within 60 s. A warm-up of a"
  echo "tenth of a run comes first and is not counted; figures are medians of $RUNS runs (errors: each run's count)."
  echo "Target: p99 < 1 s, 0 errors."
  echo
  bench_markdown "$out"
} >"$section"
bench_record journey "$section"
rm -f "$out" "$section"

# The read models' rebuild (issue 8, point 2) on what the journey left in statement-service's topics and tables:
# the services stopped (their work done), the broker still up.
[[ "${LEAKWATCH_BENCH_REBUILD:-1}" == 1 ]] || exit 0
for svc in "${SERVICES[@]}"; do
  kill "${PID[$svc]}" && wait "${PID[$svc]}" 2>/dev/null || true
done
LEAKWATCH_BENCH_SKIP_BUILD=1 "$BENCH_ROOT/infra/bench/rebuild.sh" "$RUNS" "journey.sh $RATE $SECONDS_PER_RUN $RUNS $POLL_MS"
