#!/usr/bin/env bash
# Footprint: time from `java -jar quarkus-run.jar` to the first 200 of /q/health/ready, and the RSS then, for each
# packaged service, started as infra/local/services.sh starts it (-Xmx256m, the JWT public key, a tokenisation key),
# on a Kafka broker of its own (infra/local/kafka.sh on ports 19092/19093) and scratch databases lwbench_*.
# One start per service first migrates its database (not counted); then RUNS measured starts; medians printed.
#   infra/bench/footprint.sh [runs (3)]
# Baseline missing: a blank Quarkus app with the same extensions is not built (see docs/BENCHMARKS.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${1:-3}"
export LEAKWATCH_DATA=/tmp/leakwatch-bench/infra
export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-19092}"
export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-19093}"
SERVICES=(intake-service matching-service statement-service)

cd "$BENCH_ROOT"
./mvnw -B -q -o package -DskipTests -pl intake-service,matching-service,statement-service -am
infra/local/postgres.sh lwbench_intake lwbench_matching lwbench_statement >/dev/null
mkdir -p "$LEAKWATCH_DATA/bench-keys"
KEYS="$LEAKWATCH_DATA/bench-keys"
[[ -s "$KEYS/private.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
TOKEN_KEY="$(openssl rand -base64 32)"
infra/local/kafka.sh start
trap 'infra/local/kafka.sh stop >/dev/null 2>&1 || true' EXIT

# start_once <service> <port>: prints "<seconds to ready> <RSS KiB at ready>"
start_once() {
  local svc="$1" port="$2" db="lwbench_${1%-service}" pid t0 t1 rss
  local -a reactive=()
  if grep -q '^quarkus.datasource.reactive.url' "$svc/src/main/resources/application.properties"; then
    reactive=(-Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:5432/$db")
  fi
  t0="$(date +%s.%N)"
  env LEAKWATCH_TOKENISATION_KEY="$TOKEN_KEY" java -Xmx256m -Dquarkus.http.port="$port" \
    -Dkafka.bootstrap.servers="127.0.0.1:$LEAKWATCH_KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="$KEYS/public.pem" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" "${reactive[@]}" \
    -jar "$svc/target/quarkus-app/quarkus-run.jar" >"/tmp/leakwatch-bench/$svc.log" 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$port/q/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$svc exited during start-up; see /tmp/leakwatch-bench/$svc.log" >&2
      return 1
    fi
    if (($(date +%s) - ${t0%.*} > 180)); then
      kill "$pid"
      echo "$svc not ready within 180 s; see /tmp/leakwatch-bench/$svc.log" >&2
      return 1
    fi
    sleep 0.1
  done
  t1="$(date +%s.%N)"
  rss="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$(echo "$t1 - $t0" | bc) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

table="$(mktemp)"
port=18181
for svc in "${SERVICES[@]}"; do
  start_once "$svc" "$port" >/dev/null # migrates the scratch database; not counted
  times=() rsses=()
  for run in $(seq 1 "$RUNS"); do
    read -r t rss < <(start_once "$svc" "$port") || true
    [[ -n "${t:-}" ]] || { echo "$svc did not start; see /tmp/leakwatch-bench/$svc.log" >&2; exit 1; }
    echo "RESULT service=$svc run=$run readySeconds=$t rssMiB=$((rss / 1024))"
    times+=("$t")
    rsses+=("$((rss / 1024))")
  done
  printf '| %s | %.1f | %s | %s |\n' "$svc" "$(printf '%s\n' "${times[@]}" | median)" \
    "$(printf '%s\n' "${rsses[@]}" | median)" "$(du -sm "$svc/target/quarkus-app" | cut -f1)" >>"$table"
  port=$((port + 1))
done

section="$(mktemp)"
{
  echo "### Footprint (start-up to ready, RSS)"
  echo
  echo "Command: \`infra/bench/footprint.sh $RUNS\`. Machine: $(bench_machine)."
  echo
  echo "Each service's \`target/quarkus-app/quarkus-run.jar\` started as \`infra/local/services.sh\` starts it (\`-Xmx256m\`),"
  echo "with PostgreSQL (already migrated) and its own Kafka broker up; time from the \`java\` command to the first 200 of"
  echo "\`/q/health/ready\` (polled every 0.1 s), RSS at that moment; medians of $RUNS starts, one service at a time."
  echo "**Baseline missing:** a blank Quarkus app with the same extensions was not built, so there is no ratio yet."
  echo
  echo "| service | ready s | RSS MiB | quarkus-app MiB |"
  echo "|---|---|---|---|"
  cat "$table"
} >"$section"
cat "$section"
bench_record footprint "$section"
rm -f "$table" "$section"
