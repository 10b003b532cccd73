#!/usr/bin/env bash
# Verification through the running services (issue 4's measure), against DuckDB on the same data in the same run:
#   infra/bench/verification-service.sh [sizes, comma-separated (10000000)] [runs (3)]
# Per registry size, on the data of infra/bench/verification.sh (bench_verification_data: same seed, same files under
# $LEAKWATCH_BENCH_DATA, made once): intake-service and matching-service (packaged quarkus-app jars) on new scratch
# databases, sharing one tokenisation key, with their own Kafka broker; then io.leakwatch.bench.verification.
# ServiceVerificationBench POSTs registry.csv to matching once (import rows/s, index build s and bytes per member from
# matching's metrics), and RUNS times, alternating with DuckDB's query of the same question, files the 2021 claim at
# intake, uploads sample.csv to it and follows matching's verification to COMPLETED (SampleSubmitted in intake's event
# store to VerificationCompleted in matching's). Each result is checked against the generator's truth.json.
# Ports: Kafka LEAKWATCH_KAFKA_PORT 19392 / controller 19393, intake LEAKWATCH_BENCH_INTAKE_PORT 19381, matching
# LEAKWATCH_BENCH_MATCHING_PORT 19382; databases lwbench_vs_intake, lwbench_vs_matching (dropped and made again per
# size); logs under LEAKWATCH_DATA=/tmp/leakwatch-bench/verification-service. Everything started is stopped at the end.
# Environment: MATCHING_XMX (6g: the index is ~200 bytes a member, built while the old one serves), INTAKE_XMX (512m),
# BENCH_XMX (6g: the bench JVM holds the sample's rows and DuckDB), LEAKWATCH_TOKENISATION_KEY (default: the
# generator's development key, for which the cached truth.json holds), LEAKWATCH_BENCH_NO_BUILD=1 (skip the build),
# MATCHING_JAVA_OPTS (extra JVM options for matching-service, e.g. a JFR recording or a setting to compare),
# GEN_JVM (see lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SIZES="${1:-10000000}"
RUNS="${2:-3}"
MATCHING_XMX="${MATCHING_XMX:-6g}"
INTAKE_XMX="${INTAKE_XMX:-512m}"
BENCH_XMX="${BENCH_XMX:-6g}"
INTAKE_PORT="${LEAKWATCH_BENCH_INTAKE_PORT:-19381}"
MATCHING_PORT="${LEAKWATCH_BENCH_MATCHING_PORT:-19382}"
INTAKE_DB=lwbench_vs_intake
MATCHING_DB=lwbench_vs_matching
PG="127.0.0.1:${LEAKWATCH_PG_PORT:-5432}"
# GeneratorMain.DEVELOPMENT_KEY: the truth's name comparisons hold under the key the data was generated with.
export LEAKWATCH_TOKENISATION_KEY="${LEAKWATCH_TOKENISATION_KEY:-bGVha3dhdGNoIGRldmVsb3BtZW50IGtleSwgbmV2ZXIgZm9yIHByb2R1Y3Rpb24}"
export LEAKWATCH_DATA=/tmp/leakwatch-bench/verification-service
export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-19392}"
export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-19393}"

cd "$BENCH_ROOT"
[[ -n "${LEAKWATCH_BENCH_NO_BUILD:-}" ]] ||
  ./mvnw -B -q -o package -DskipTests -Pbench -pl bench,intake-service,matching-service -am
CP="$(bench_classpath)"

pids=()
stop_services() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_services; infra/local/kafka.sh stop >/dev/null 2>&1 || true' EXIT

# start_service <module> <port> <database> <heap>: the packaged jar in the background; its pid in SERVICE_PID.
start_service() {
  local log="$LEAKWATCH_DATA/$1.log" reactive=() extra=()
  [[ ! -e "$log" ]] || mv -f "$log" "$log.1"
  # matching reads the registry's stats and verifications through the reactive client too
  [[ "$1" != matching-service ]] || reactive=(-Dquarkus.datasource.reactive.url="postgresql://$PG/$3")
  # MATCHING_JAVA_OPTS: extra JVM options for matching-service (a profile, a setting to compare), split on spaces
  [[ "$1" != matching-service ]] || read -ra extra <<<"${MATCHING_JAVA_OPTS:-}"
  java "-Xmx$4" -Dquarkus.http.port="$2" -Dkafka.bootstrap.servers="127.0.0.1:$LEAKWATCH_KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="$LEAKWATCH_DATA/jwt/public.pem" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://$PG/$3" "${reactive[@]}" "${extra[@]}" \
    -jar "$1/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
  SERVICE_PID=$!
  pids+=("$SERVICE_PID")
}

# Peak resident memory of a running process, MiB.
peak_rss() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

mkdir -p "$LEAKWATCH_DATA"
rm -rf "$LEAKWATCH_DATA/kafka/data" # a new broker: no chunks or offsets of an earlier run
infra/local/kafka.sh start
REPORTER="$(infra/local/token.sh reporter)"
ANALYST="$(infra/local/token.sh analyst)"
out="$(mktemp)"
tables="$(mktemp)"
notes="$(mktemp)"
for members in ${SIZES//,/ }; do
  data="$(bench_verification_data "$members")"
  for db in "$INTAKE_DB" "$MATCHING_DB"; do
    PGOPTIONS='-c client_min_messages=warning' psql -X -w -q -h "${PG%:*}" -p "${PG#*:}" -U postgres -d postgres \
      -c "DROP DATABASE IF EXISTS $db"
  done
  infra/local/postgres.sh "$INTAKE_DB" "$MATCHING_DB" >/dev/null
  start_service intake-service "$INTAKE_PORT" "$INTAKE_DB" "$INTAKE_XMX"
  intake_pid="$SERVICE_PID"
  start_service matching-service "$MATCHING_PORT" "$MATCHING_DB" "$MATCHING_XMX"
  matching_pid="$SERVICE_PID"
  bench_await_ready intake-service "$INTAKE_PORT" "$intake_pid"
  bench_await_ready matching-service "$MATCHING_PORT" "$matching_pid"
  env LEAKWATCH_BENCH_REPORTER_TOKEN="$REPORTER" LEAKWATCH_BENCH_ANALYST_TOKEN="$ANALYST" \
    java "-Xmx$BENCH_XMX" -cp "$CP" io.leakwatch.bench.verification.ServiceVerificationBench "$data" "$RUNS" \
    "http://127.0.0.1:$INTAKE_PORT" "http://127.0.0.1:$MATCHING_PORT" \
    "jdbc:postgresql://$PG/$INTAKE_DB" "jdbc:postgresql://$PG/$MATCHING_DB" | tee "$out"
  {
    bench_markdown "$out"
    echo
  } >>"$tables"
  grep '^NOTE ' "$out" | sed 's/^NOTE /- /' >>"$notes"
  echo "- $members members: peak RSS matching-service $(peak_rss "$matching_pid") MiB (-Xmx$MATCHING_XMX)," \
    "intake-service $(peak_rss "$intake_pid") MiB (-Xmx$INTAKE_XMX)." >>"$notes"
  stop_services
done
load="$(cut -d' ' -f1-3 /proc/loadavg)"

section="$(mktemp)"
{
  echo "### Verification through the services (intake upload to matching's VerificationCompleted vs DuckDB)"
  echo
  echo "Command: \`infra/bench/verification-service.sh $SIZES $RUNS\` (bench module,"
  echo "\`io.leakwatch.bench.verification.ServiceVerificationBench\`; the data of \`infra/bench/verification.sh\`:"
  echo "\`GeneratorMain --seed $BENCH_VERIFICATION_SEED --members N\`, a sample of N/10 rows up to 1.07 million)."
  echo "Machine: $(bench_machine); load average $load at the end (the box is shared)."
  echo "DuckDB: \`org.duckdb:duckdb_jdbc\` 1.5.6.0, in-memory, default threads, in the bench's JVM (\`-Xmx$BENCH_XMX\`)."
  echo
  echo "Services: the packaged \`intake-service\` (\`-Xmx$INTAKE_XMX\`) and \`matching-service\` (\`-Xmx$MATCHING_XMX\`),"
  echo "one tokenisation key, their own Kafka broker and new PostgreSQL databases on this host. Import, once per size:"
  echo "\`registry.csv\` streamed to \`POST /api/v1/registry/imports\` until \`GET /api/v1/registry/imports/{id}\` says"
  echo "COMPLETED (read, tokenised, COPYed, switched); rows/s = rows read / that wall time; the index build that"
  echo "follows and its bytes come from matching's \`leakwatch_registry_index_build_seconds\` and"
  echo "\`leakwatch_registry_index_bytes\` (per member: over members and canaries). Verification, $RUNS runs: a new"
  echo "2021 claim at intake, \`sample.csv\` POSTed to it (tokenised, chunked onto Kafka, \`SampleSubmitted\`), matching"
  echo "verifying the chunks as they come; timed **from \`SampleSubmitted\` to \`VerificationCompleted\`**, the two"
  echo "events' \`timestamp\` in intake's and matching's event stores (chunks verified before \`SampleSubmitted\` are"
  echo "not in it), and, for the whole path, from the upload's start to the COMPLETED seen by polling every 0.2 s"
  echo "(tokenising, Kafka, matching, the Axon events, the result). No warm-up of the services (run 1 warms them);"
  echo "the data shares of \`shares.json\` are created before run 1. DuckDB: the query of \`verification.sh\`'s"
  echo "section (the same tokens, cached; equal tokens only, so less work than matching), one warm-up, then"
  echo "alternating with the service's runs. Ratio = DuckDB query / service time (medians); every service result"
  echo "equals \`truth.json\` (counts and verdict) or the run stops."
  echo
  cat "$tables"
  cat "$notes"
} >"$section"
bench_record verification-service "$section"
rm -f "$out" "$tables" "$notes" "$section"
