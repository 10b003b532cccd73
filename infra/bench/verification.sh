#!/usr/bin/env bash
# Verification at scale: matching's in-memory verification (RegistryIndex + ChunkMatcher + VerificationCalculator) on a
# tokenised synthetic sample against DuckDB answering the same join and counts over the same tokens; median of 7 runs.
#   infra/bench/verification.sh [members (1000000)] [runs (7)]
# The sample is about a tenth of the members (80% genuine rows; see GeneratorMain). Data is cached in /tmp.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MEMBERS="${1:-1000000}"
RUNS="${2:-7}"
SAMPLE_SCALE=$((MEMBERS / 10000)) # 1M members: genuine 80k, typos 5k, ... = 107k rows
DATA="/tmp/leakwatch-bench/verification-$MEMBERS"

bench_build
CP="$(bench_classpath)"
if [[ ! -f "$DATA/sample.csv" ]]; then
  java -Xmx8g -cp "$CP" io.leakwatch.matching.synthetic.GeneratorMain --out "$DATA" --seed 7 --members "$MEMBERS" \
    --as-of 2021-05-01 --genuine $((SAMPLE_SCALE * 800)) --typos $((SAMPLE_SCALE * 50)) \
    --fabricated $((SAMPLE_SCALE * 50)) --outsiders $((SAMPLE_SCALE * 100)) --invalid $((SAMPLE_SCALE * 30)) \
    --repeats $((SAMPLE_SCALE * 40)) --canaries 5
fi
out="$(mktemp)"
java -Xmx8g -cp "$CP" io.leakwatch.bench.verification.VerificationBench "$DATA" "$RUNS" | tee "$out"

section="$(mktemp)"
{
  echo "### Verification at scale (in-memory index vs DuckDB)"
  echo
  echo "Command: \`infra/bench/verification.sh $MEMBERS $RUNS\` (bench module, \`io.leakwatch.bench.verification.VerificationBench\`;"
  echo "data from \`GeneratorMain --seed 7 --members $MEMBERS\`)."
  echo "Machine: $(bench_machine). DuckDB: \`org.duckdb:duckdb_jdbc\` 1.5.6.0, in-memory, default threads."
  echo
  echo "Both sides start from the same tokens in memory. Java: the sample's chunks as intake cuts them (12 buckets,"
  echo "500 rows), first occurrences worked out, \`ChunkMatcher.tally\` on one thread per core, \`ChunkTally.plus\`,"
  echo "\`VerificationCalculator.result\`. DuckDB: first occurrence per NIK, join with the registry's members and versions,"
  echo "duplicates, matched, not found, canary rows, fully agreeing and per-field agreement (equal tokens only: no Bloom"
  echo "Dice on names, no snapshot window, so DuckDB does less work than Java). Median of $RUNS runs, sides alternating"
  echo "(index build: median of 3);"
  echo "ratio = DuckDB time / Java time (target >= 1)."
  echo
  bench_markdown "$out"
} >"$section"
bench_record verification "$section"
rm -f "$out" "$section"
