#!/usr/bin/env bash
# Verification at scale: matching's in-memory verification (RegistryIndex + ChunkMatcher + VerificationCalculator) on a
# tokenised synthetic sample against DuckDB answering the same join and counts over the same tokens, at each registry
# size given; median of RUNS runs, sides alternating.
#   infra/bench/verification.sh [sizes, comma-separated (1000000,10000000)] [runs (3)]
# The sample is a tenth of the members up to 1.07 million rows (80% genuine rows; see GeneratorMain). Generated and
# tokenised data are cached under $LEAKWATCH_BENCH_DATA (default /tmp/leakwatch-bench), keyed by seed and size, and
# reused by later runs. Environment: BENCH_XMX (heap of the bench JVM, 8g), GEN_JVM (flags of the generator's JVM),
# BENCH_JFR=1 (a JFR recording of each size's Java-only run, for infra/bench/jfr-top.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SIZES="${1:-1000000,10000000}"
RUNS="${2:-3}"
SEED="$BENCH_VERIFICATION_SEED"
BENCH_XMX="${BENCH_XMX:-8g}"

bench_build
CP="$(bench_classpath)"
rows="$(mktemp)"
memory="$(mktemp)"
notes="$(mktemp)"
for members in ${SIZES//,/ }; do
  data="$(bench_verification_data "$members")"
  jfr=()
  [[ "${BENCH_JFR:-}" == 1 ]] && jfr=("-XX:StartFlightRecording=filename=$data/java-only.jfr,settings=profile")
  # Java alone first (also tokenises and caches on the first run): its peak memory without DuckDB in the process.
  out="$(mktemp)"
  java "-Xmx$BENCH_XMX" "${jfr[@]}" -cp "$CP" io.leakwatch.bench.verification.VerificationBench "$data" 3 java-only | tee "$out"
  grep '^MEMORY ' "$out" >>"$memory"
  java "-Xmx$BENCH_XMX" -cp "$CP" io.leakwatch.bench.verification.VerificationBench "$data" "$RUNS" | tee "$out"
  grep '^ROW ' "$out" | sed 's/^ROW //' >>"$rows"
  grep '^NOTE ' "$out" | sed 's/^NOTE /- /' >>"$notes"
  rm -f "$out"
done

section="$(mktemp)"
{
  echo "### Verification at scale (in-memory index vs DuckDB)"
  echo
  echo "Command: \`infra/bench/verification.sh $SIZES $RUNS\` (bench module, \`io.leakwatch.bench.verification.VerificationBench\`;"
  echo "data from \`GeneratorMain --seed $SEED --members N\`, a sample of N/10 rows up to 1.07 million)."
  echo "Machine: $(bench_machine); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (the box is shared with other"
  echo "helpers' builds and benchmarks). DuckDB: \`org.duckdb:duckdb_jdbc\` 1.5.6.0, in-memory, default threads."
  echo
  echo "**In process, not through the running service**: both sides start from the same tokens in memory. Java: the"
  echo "sample's rows as intake sends them (\`SampleRow\`, base64url tokens), cut into chunks as intake cuts them (12"
  echo "buckets, 500 rows), first occurrences worked out, \`ChunkMatcher.tally\` on one thread per core, \`ChunkTally.plus\`,"
  echo "\`VerificationCalculator.result\`, checked against the generator's \`truth.json\`. Not in the Java time: Kafka, the"
  echo "Axon events per chunk, the first-occurrence facts in PostgreSQL. DuckDB: first occurrence per NIK, join with the"
  echo "registry's members and versions on the NIK token's first 16 bytes as two BIGINTs, duplicates, matched, not found,"
  echo "canary rows, fully agreeing and per-field agreement (equal tokens only: no Bloom Dice on names, no snapshot window,"
  echo "so DuckDB does less work than Java). Median of $RUNS runs, sides alternating, after one warm-up of each; index"
  echo "build: median of 3 (RegistryIndexBuilder fed from the tokenised versions in the database's order, read from a"
  echo "file, as RegistryIndexHolder feeds it from PostgreSQL). Ratio = DuckDB time / Java time (target >= 1)."
  echo
  echo "| registry members (versions) | sample rows (valid) | Java verification s | DuckDB query s | ratio DuckDB/Java of medians | median of per-run ratios | runs | index build s | index bytes per member | key index bytes per member | same counts |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "Memory, Java alone (a separate JVM per size, \`-Xmx$BENCH_XMX\`: index built once, three verifications, no DuckDB):"
  echo
  echo "| registry members | versions | Java verification s (median of 3) | peak RSS MiB | peak heap MiB | live heap after GC MiB | index bytes | key index bytes |"
  echo "|---|---|---|---|---|---|---|---|"
  sed -E 's/^MEMORY members=([0-9]+) versions=([0-9]+) javaS=([0-9.]+) buildS=[0-9.]+ peakRssMiB=([0-9]+) peakHeapMiB=([0-9]+) heapLiveMiB=([0-9]+) layoutBytes=([0-9]+) keyIndexBytes=([0-9]+) .*/| \1 | \2 | \3 | \4 | \5 | \6 | \7 | \8 |/' "$memory"
  echo
  cat "$notes"
} >"$section"
bench_record verification "$section"
rm -f "$rows" "$memory" "$notes" "$section"
