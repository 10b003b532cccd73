#!/usr/bin/env bash
# Sample intake: rows/s of the intake tokenisation path (RowTokeniser over parsed CSV rows, then the SampleRow intake
# sends) against a bare HMAC-SHA256 of the same cells, one thread per core each; median of 3 runs.
#   infra/bench/intake.sh [passes over the sample (2)] [runs (3)]
# Uses the sample of infra/bench/verification.sh's 1M-member data set (generated here if missing).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PASSES="${1:-2}"
RUNS="${2:-3}"
DATA="/tmp/leakwatch-bench/verification-1000000"

bench_build
CP="$(bench_classpath)"
if [[ ! -f "$DATA/sample.csv" ]]; then
  java -Xmx8g -cp "$CP" io.leakwatch.matching.synthetic.GeneratorMain --out "$DATA" --seed 7 --members 1000000 \
    --as-of 2021-05-01 --genuine 80000 --typos 5000 --fabricated 5000 --outsiders 10000 --invalid 3000 \
    --repeats 4000 --canaries 5
fi
out="$(mktemp)"
java -Xmx2g -cp "$CP" io.leakwatch.bench.intake.TokeniseBench "$DATA/sample.csv" "$RUNS" "$PASSES" | tee "$out"

section="$(mktemp)"
{
  echo "### Sample intake tokenisation (RowTokeniser vs bare HMAC-SHA256)"
  echo
  echo "Command: \`infra/bench/intake.sh $PASSES $RUNS\` (bench module, \`io.leakwatch.bench.intake.TokeniseBench\`; the"
  echo "1M-member data set's \`sample.csv\`, parsed into rows before timing)."
  echo "Machine: $(bench_machine)."
  echo
  echo "Intake path: \`RowTokeniser.tokenise\` (NIK validation, normalisation, one HMAC per field, the name's Bloom"
  echo "filter) and the \`SampleRow\` with base64url tokens, as \`SampleUploader\` builds it. Baseline: one HMAC-SHA256"
  echo "per non-blank cell of the same seven fields, nothing else. One thread per core each; median of $RUNS runs;"
  echo "target ratio >= 0.5."
  echo
  bench_markdown "$out"
} >"$section"
bench_record intake "$section"
rm -f "$out" "$section"
