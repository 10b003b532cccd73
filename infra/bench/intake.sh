#!/usr/bin/env bash
# Sample intake, in two modes, each against the bare HMAC-SHA256 loop over the same seven fields, one thread per core,
# measured in the same run with the sides alternating:
#   infra/bench/intake.sh [passes (1)] [runs (3)]   in process: RowTokeniser over parsed CSV rows, then the JSON of
#                                                   the SampleRow intake sends
#   infra/bench/intake.sh http [runs (3)]           the issue's measure: a 1M-row sample POSTed to a running
#                                                   intake-service, timed until it answers 202 (every chunk acknowledged
#                                                   by Kafka, SampleSubmitted recorded)
# Both use one 1M-row sample from GeneratorMain, made under /tmp/leakwatch-bench/upload-1m on the first run.
# The http mode starts its own Kafka broker (infra/local/kafka.sh, LEAKWATCH_KAFKA_PORT 19292 / controller 19293) and
# intake-service (port LEAKWATCH_BENCH_INTAKE_PORT, 18281) on the scratch database lwbench_upload, under
# LEAKWATCH_DATA=/tmp/leakwatch-bench/intake-http; it stops both at the end. LEAKWATCH_BENCH_NO_BUILD=1 skips the
# build (when bench and intake-service are already packaged from this tree).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA="/tmp/leakwatch-bench/upload-1m"
SAMPLE_ARGS="--seed 8 --members 1000000 --as-of 2021-05-01 --genuine 850000 --typos 20000 --fabricated 20000"
SAMPLE_ARGS+=" --outsiders 80000 --invalid 10000 --repeats 20000 --canaries 0"

# The 1M-row sample (and its 1M-member registry, unused here), made once.
make_sample() {
  if [[ ! -f "$DATA/sample.csv" ]]; then
    # shellcheck disable=SC2086
    java -Xmx8g -cp "$CP" io.leakwatch.matching.synthetic.GeneratorMain --out "$DATA" $SAMPLE_ARGS
  fi
}

if [[ "${1:-}" == http ]]; then
  RUNS="${2:-3}"
  export LEAKWATCH_DATA=/tmp/leakwatch-bench/intake-http
  export LEAKWATCH_KAFKA_PORT="${LEAKWATCH_KAFKA_PORT:-19292}"
  export LEAKWATCH_KAFKA_CONTROLLER_PORT="${LEAKWATCH_KAFKA_CONTROLLER_PORT:-19293}"
  PORT="${LEAKWATCH_BENCH_INTAKE_PORT:-18281}"
  cd "$BENCH_ROOT"
  [[ -n "${LEAKWATCH_BENCH_NO_BUILD:-}" ]] || ./mvnw -B -q -o package -DskipTests -Pbench -pl bench,intake-service -am
  CP="$(bench_classpath)"
  make_sample
  bench_start_intake lwbench_upload "$PORT"
  out="$(mktemp)"
  cpu_pids="intake-service=$BENCH_INTAKE_PID,Kafka broker=$(cat "$LEAKWATCH_DATA/kafka/kafka.pid")"
  env LEAKWATCH_BENCH_TOKEN="$BENCH_TOKEN" LEAKWATCH_TOKENISATION_KEY="$BENCH_TOKEN_KEY" \
    LEAKWATCH_BENCH_CPU_PIDS="$cpu_pids" java -Xmx3g -cp "$CP" \
    io.leakwatch.bench.intake.UploadBench "http://127.0.0.1:$PORT" "$DATA/sample.csv" "$RUNS" | tee "$out"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  section="$(mktemp)"
  {
    echo "### Sample intake through HTTP (upload to acknowledged chunks vs bare HMAC-SHA256)"
    echo
    echo "Command: \`infra/bench/intake.sh http $RUNS\` (bench module, \`io.leakwatch.bench.intake.UploadBench\`; sample"
    echo "from \`GeneratorMain $SAMPLE_ARGS\`, $(du -m "$DATA/sample.csv" | cut -f1) MB of CSV)."
    echo "Machine: $(bench_machine); load average at the end $load (the box is shared)."
    echo
    echo "Intake side: \`intake-service\`'s packaged jar (\`-Xmx256m\`, as \`infra/local/services.sh\` starts it) with its own"
    echo "Kafka broker and PostgreSQL on this host; each run files a new incident and POSTs the whole file as \`text/csv\`,"
    echo "timed from sending the request to the 202, which intake answers only once Kafka acknowledged every chunk and"
    echo "the Incident recorded \`SampleSubmitted\`. Baseline: one HMAC-SHA256 per non-blank cell of the same seven"
    echo "fields of the same rows (parsed beforehand, not timed), one thread per core, in the bench's JVM; the two"
    echo "sides alternate which goes first. Median of $RUNS runs; target ratio >= 0.5."
    echo
    bench_markdown "$out"
  } >"$section"
  bench_record intake-http "$section"
  rm -f "$out" "$section"
  exit 0
fi

PASSES="${1:-1}"
RUNS="${2:-3}"

[[ -n "${LEAKWATCH_BENCH_NO_BUILD:-}" ]] || bench_build
CP="$(bench_classpath)"
make_sample
out="$(mktemp)"
java -Xmx4g -cp "$CP" io.leakwatch.bench.intake.TokeniseBench "$DATA/sample.csv" "$RUNS" "$PASSES" | tee "$out"

section="$(mktemp)"
{
  echo "### Sample intake tokenisation (RowTokeniser vs bare HMAC-SHA256)"
  echo
  echo "Command: \`infra/bench/intake.sh $PASSES $RUNS\` (bench module, \`io.leakwatch.bench.intake.TokeniseBench\`; the"
  echo "1M-row sample of the http mode below, parsed into rows before timing)."
  echo "Machine: $(bench_machine); load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (the box is shared)."
  echo
  echo "Intake path: \`RowTokeniser.tokenise\` (NIK validation, normalisation, one HMAC per field, the name's Bloom"
  echo "filter from cached per-bigram masks) and the \`SampleRow\`'s JSON with base64url tokens (\`SampleChunkJson.row\`), as"
  echo "\`SampleUploader\` makes it."
  echo "Baseline: one HMAC-SHA256 per non-blank cell of the same seven fields, nothing else. One thread per core each;"
  echo "median of $RUNS runs; target ratio >= 0.5."
  echo
  bench_markdown "$out"
} >"$section"
bench_record intake "$section"
rm -f "$out" "$section"
