#!/usr/bin/env bash
# Shared by infra/bench/*.sh: build the bench module, the class path, the machine line, and recording a section of
# docs/BENCHMARKS.md between <!-- bench:<id> --> markers (replaced when present, appended otherwise).
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DOC="$BENCH_ROOT/docs/BENCHMARKS.md"

# Builds bench and the reactor modules it needs (never `install`). Offline first; online once to fetch DuckDB.
bench_build() {
  cd "$BENCH_ROOT"
  ./mvnw -B -q -o package -DskipTests -Pbench -pl bench -am ||
    ./mvnw -B -q package -DskipTests -Pbench -pl bench -am
}

bench_classpath() {
  echo "$BENCH_ROOT/bench/target/classes:$(cat "$BENCH_ROOT/bench/target/classpath.txt")"
}

bench_machine() {
  local cpu mem
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  mem="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "$(nproc) cores (nproc), $mem, $cpu; $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%MZ)"
}

# bench_start_intake <database> <port>: the packaged intake-service (as infra/local/services.sh starts it, -Xmx256m) on
# <port> against the scratch database <database> (created if missing), with its own Kafka broker (infra/local/kafka.sh
# on LEAKWATCH_KAFKA_PORT / LEAKWATCH_KAFKA_CONTROLLER_PORT), under LEAKWATCH_DATA (exported by the caller); returns
# once /q/health/ready answers 200. Both stop when the script exits. Sets BENCH_TOKEN_KEY (the service's tokenisation
# key) and BENCH_TOKEN (a reporter's bearer token). LEAKWATCH_BENCH_SERVICE_OPTS adds JVM options (a JFR recording:
# -XX:StartFlightRecording=filename=/tmp/intake.jfr,settings=profile).
bench_start_intake() {
  local db="$1" port="$2" p
  cd "$BENCH_ROOT"
  # Another helper's service on the same port would answer the readiness check and the bench's requests.
  for p in "$port" "$LEAKWATCH_KAFKA_PORT" "$LEAKWATCH_KAFKA_CONTROLLER_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "port $p is already in use on this host; choose other ports (see the script's header)" >&2
      exit 1
    fi
  done
  infra/local/postgres.sh "$db" >/dev/null
  BENCH_TOKEN_KEY="$(openssl rand -base64 32)"
  BENCH_TOKEN="$(infra/local/token.sh reporter)"
  infra/local/kafka.sh start
  BENCH_INTAKE_PID=""
  trap bench_stop_intake EXIT
  mkdir -p "$LEAKWATCH_DATA"
  # shellcheck disable=SC2086
  env LEAKWATCH_TOKENISATION_KEY="$BENCH_TOKEN_KEY" java ${LEAKWATCH_BENCH_SERVICE_OPTS:-} -Xmx256m -Dquarkus.http.port="$port" \
    -Dkafka.bootstrap.servers="127.0.0.1:$LEAKWATCH_KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="$LEAKWATCH_DATA/jwt/public.pem" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" \
    -jar intake-service/target/quarkus-app/quarkus-run.jar >"$LEAKWATCH_DATA/intake-service.log" 2>&1 &
  BENCH_INTAKE_PID=$!
  bench_await_ready intake-service "$port" "$BENCH_INTAKE_PID"
}

# bench_await_ready <service> <port> <pid>: returns once the service answers /q/health/ready with 200; exits the script
# if the process dies first or after LEAKWATCH_BENCH_START_TIMEOUT seconds (600: on this shared box a start has taken
# 90 s). The service's log is $LEAKWATCH_DATA/<service>.log.
bench_await_ready() {
  local deadline=$((SECONDS + ${LEAKWATCH_BENCH_START_TIMEOUT:-600}))
  while ((SECONDS < deadline)); do
    curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$2/q/health/ready" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "$1 exited; see $LEAKWATCH_DATA/$1.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$1 not ready in time; see $LEAKWATCH_DATA/$1.log" >&2
  exit 1
}

bench_stop_intake() {
  if [[ -n "${BENCH_INTAKE_PID:-}" ]]; then
    kill "$BENCH_INTAKE_PID" 2>/dev/null || true
    wait "$BENCH_INTAKE_PID" 2>/dev/null || true
  fi
  "$BENCH_ROOT/infra/local/kafka.sh" stop >/dev/null 2>&1 || true
}

# bench_verification_data <members>: the generator's registry of <members>, a sample of a tenth of them (1.07 million
# rows at most, 80% genuine) and its truth, made once under $LEAKWATCH_BENCH_DATA (default /tmp/leakwatch-bench) and
# reused; prints the directory. Needs CP (bench_classpath). Shared by verification.sh and verification-service.sh, so
# that both measure the same data. GEN_JVM: flags of the generator's JVM.
BENCH_VERIFICATION_SEED=7
bench_verification_data() {
  local members="$1" scale data
  scale=$((members / 10000))
  ((scale > 1000)) && scale=1000 # 1.07 million sample rows at most, from 10 million members up
  data="${LEAKWATCH_BENCH_DATA:-/tmp/leakwatch-bench}/verification-s$BENCH_VERIFICATION_SEED-m$members"
  if [[ ! -f "$data/sample.csv" ]]; then
    # The generator keeps the whole registry as objects: ~1 GiB a million members. A parallel collector that promotes
    # at once avoids copying that live set again and again (G1 spent most of a 10M generation in young collections).
    local gen_jvm="${GEN_JVM:--XX:+UseParallelGC -Xms12g -Xmx13g -Xmn3g -XX:MaxTenuringThreshold=0 -XX:-UseAdaptiveSizePolicy}"
    # shellcheck disable=SC2086 # gen_jvm is a list of flags
    /usr/bin/time -f "GENERATED %e s, peak RSS %M KiB" java $gen_jvm -cp "$CP" io.leakwatch.matching.synthetic.GeneratorMain \
      --out "$data.tmp" --seed "$BENCH_VERIFICATION_SEED" --members "$members" --as-of 2021-05-01 \
      --genuine $((scale * 800)) --typos $((scale * 50)) --fabricated $((scale * 50)) --outsiders $((scale * 100)) \
      --invalid $((scale * 30)) --repeats $((scale * 40)) --canaries 5 >&2
    mv "$data.tmp" "$data"
  fi
  echo "$data"
}

# bench_record <id> <file with the section's Markdown, starting with its ### heading>
bench_record() {
  python3 - "$BENCH_DOC" "$1" "$2" <<'PY'
import re, sys
doc, ident, body = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().rstrip() + "\n"
text = open(doc).read()
block = f"<!-- bench:{ident} -->\n{body}<!-- /bench:{ident} -->\n"
pattern = re.compile(rf"<!-- bench:{re.escape(ident)} -->.*?<!-- /bench:{re.escape(ident)} -->\n", re.S)
text = pattern.sub(lambda m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block
open(doc, "w").write(text)
PY
  echo "recorded in docs/BENCHMARKS.md (section bench:$1)"
}

# The Markdown between MARKDOWN-BEGIN and MARKDOWN-END in a bench main's output.
bench_markdown() {
  sed -n '/^MARKDOWN-BEGIN$/,/^MARKDOWN-END$/p' "$1" | sed '1d;$d'
}
