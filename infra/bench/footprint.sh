#!/usr/bin/env bash
# Footprint: time from `java -jar quarkus-run.jar` to the first 200 of /q/health/ready, and the RSS then, for each
# packaged service, started as infra/local/services.sh starts it (-Xmx256m, the JWT public key, a tokenisation key),
# on a Kafka broker of its own (infra/local/kafka.sh on ports 19092/19093) and scratch databases lwbench_*.
# Baseline: bench/blank-app, a Quarkus app with the services' extensions and no code of ours, started the same way.
# One start of each app first migrates its database (not counted); then RUNS rounds, each starting every app once in
# turn (baseline first), so all see the same load; medians and the ratios to the baseline printed.
#   infra/bench/footprint.sh [runs (3)]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${1:-3}"
export LEAKWATCH_DATA=/tmp/leakwatch-bench/infra
export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-19092}"
export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-19093}"
APPS=(bench/blank-app intake-service matching-service statement-service)

cd "$BENCH_ROOT"
./mvnw -B -q -o package -DskipTests -Pbench -pl intake-service,matching-service,statement-service,bench/blank-app -am
infra/local/postgres.sh lwbench_blank lwbench_intake lwbench_matching lwbench_statement >/dev/null
mkdir -p "$LEAKWATCH_DATA/bench-keys"
KEYS="$LEAKWATCH_DATA/bench-keys"
[[ -s "$KEYS/private.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
TOKEN_KEY="$(openssl rand -base64 32)"
infra/local/kafka.sh start
trap 'infra/local/kafka.sh stop >/dev/null 2>&1 || true' EXIT

# start_once <app dir> <port>: prints "<seconds to ready> <RSS KiB at ready>"
start_once() {
  local svc="$1" port="$2" name db pid t0 t1 rss
  name="$(basename "$1")"
  db="lwbench_${name%-service}"
  db="${db/blank-app/blank}"
  local -a reactive=()
  if grep -q '^quarkus.datasource.reactive.url' "$svc/src/main/resources/application.properties"; then
    reactive=(-Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:5432/$db")
  fi
  t0="$(date +%s.%N)"
  env LEAKWATCH_TOKENISATION_KEY="$TOKEN_KEY" java -Xmx256m -Dquarkus.http.port="$port" \
    -Dkafka.bootstrap.servers="127.0.0.1:$LEAKWATCH_KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="$KEYS/public.pem" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" "${reactive[@]}" \
    -jar "$svc/target/quarkus-app/quarkus-run.jar" >"/tmp/leakwatch-bench/$name.log" 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$svc exited during start-up; see /tmp/leakwatch-bench/$name.log" >&2
      return 1
    fi
    if (($(date +%s) - ${t0%.*} > 180)); then
      kill "$pid"
      echo "$svc not ready within 180 s; see /tmp/leakwatch-bench/$name.log" >&2
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

declare -A PORT TIMES RSS
port=18181
for app in "${APPS[@]}"; do
  PORT[$app]=$port
  port=$((port + 1))
  start_once "$app" "${PORT[$app]}" >/dev/null # migrates the scratch database; not counted
done
for run in $(seq 1 "$RUNS"); do
  for app in "${APPS[@]}"; do
    read -r t rss < <(start_once "$app" "${PORT[$app]}") || true
    [[ -n "${t:-}" ]] || { echo "$app did not start; see /tmp/leakwatch-bench/$(basename "$app").log" >&2; exit 1; }
    printf 'RESULT app=%s run=%d readySeconds=%.2f rssMiB=%d\n' "$(basename "$app")" "$run" "$t" "$((rss / 1024))"
    TIMES[$app]+="$t "
    RSS[$app]+="$((rss / 1024)) "
  done
done

table="$(mktemp)"
base_t="$(printf '%s\n' ${TIMES[bench/blank-app]} | median)"
base_rss="$(printf '%s\n' ${RSS[bench/blank-app]} | median)"
for app in "${APPS[@]}"; do
  t="$(printf '%s\n' ${TIMES[$app]} | median)"
  rss="$(printf '%s\n' ${RSS[$app]} | median)"
  printf '| %s | %.1f | %.2f | %s | %.2f | %s |\n' "$(basename "$app")" "$t" "$(echo "$t / $base_t" | bc -l)" \
    "$rss" "$(echo "$rss / $base_rss" | bc -l)" "$(du -sm "$app/target/quarkus-app" | cut -f1)" >>"$table"
done

section="$(mktemp)"
{
  echo "### Footprint (start-up to ready, RSS)"
  echo
  echo "Command: \`infra/bench/footprint.sh $RUNS\`. Machine: $(bench_machine)."
  echo
  echo "Each service's \`target/quarkus-app/quarkus-run.jar\` started as \`infra/local/services.sh\` starts it (\`-Xmx256m\`),"
  echo "with PostgreSQL (already migrated) and its own Kafka broker up; time from the \`java\` command to the first 200 of"
  echo "\`/q/health/ready\` (polled every 0.1 s), RSS at that moment; medians of $RUNS starts, one app at a time, the"
  echo "apps taking turns. Baseline: \`bench/blank-app\`, the union of the services' Quarkus extensions (platform's plus"
  echo "Hibernate Reactive Panache, the reactive PostgreSQL client and Qute) with one trivial endpoint and no code of ours"
  echo "(so intake, which lacks the reactive ones, is compared with a slightly heavier blank). Ratio = service / blank;"
  echo "what it shows is the cost of our code: Axon, the event processors, the forwarder, the consumers, the index."
  echo
  echo "| app | ready s | ready ratio | RSS MiB | RSS ratio | quarkus-app MiB |"
  echo "|---|---|---|---|---|---|"
  cat "$table"
} >"$section"
cat "$section"
bench_record footprint "$section"
rm -f "$table" "$section"
