#!/usr/bin/env bash
# The Leakwatch demo on this machine, without Docker:
#   infra/local/demo.sh          builds when needed, starts Kafka, PostgreSQL and the three services,
#                                replays the 2021 scenario (claim, awareness, sample, verification, statement
#                                approved and published) on synthetic data and prints the published statement.
#   infra/local/demo.sh --stop   stops the services, then Kafka (PostgreSQL is left running).
# Running it again needs no clean-up: running services are reused (restarted when the build changed).
# Environment: LEAKWATCH_INTAKE_PORT (8081), LEAKWATCH_MATCHING_PORT (8082), LEAKWATCH_STATEMENT_PORT (8083),
#              LEAKWATCH_KAFKA_PORT (9092), LEAKWATCH_DEMO_TIMEOUT (180 s a step), LEAKWATCH_DEMO_MEMBERS (20000), and those of the other scripts.
set -euo pipefail

LW_NAME=demo
# shellcheck source=infra/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HERE="$LW_REPO/infra/local"
SERVICES=(intake-service matching-service statement-service)
INTAKE_PORT="$(lw_port_var LEAKWATCH_INTAKE_PORT 8081)"
MATCHING_PORT="$(lw_port_var LEAKWATCH_MATCHING_PORT 8082)"
STATEMENT_PORT="$(lw_port_var LEAKWATCH_STATEMENT_PORT 8083)"
KAFKA_PORT="$(lw_port_var LEAKWATCH_KAFKA_PORT 9092)"
export LW_SCENARIO_TIMEOUT="${LEAKWATCH_DEMO_TIMEOUT:-180}"

case "${1:-}" in
  --stop)
    [[ $# -eq 1 ]] || { echo "usage: $0 [--stop]" >&2; exit 2; }
    lw_info "Stopping the demo: services, then Kafka."
    "$HERE/services.sh" stop
    "$HERE/kafka.sh" stop
    exit 0
    ;;
  "") ;;
  *)
    echo "usage: $0 [--stop]" >&2
    exit 2
    ;;
esac

lw_require_java
lw_require_cmd curl "Install it with: apt-get install curl"
if ! command -v python3 >/dev/null 2>&1 && ! command -v jq >/dev/null 2>&1; then
  lw_die "python3 or jq is required to read the services' JSON answers." "Install one: apt-get install python3 (or jq)."
fi

# ---------------------------------------------------------------- 1. build when needed

# Sets BUILD_REASON and returns 0 when a quarkus-run.jar is missing or older than a source or pom.
needs_build() {
  local svc jar newer
  local -a inputs=()
  shopt -s nullglob
  inputs=("$LW_REPO"/*/src "$LW_REPO"/pom.xml "$LW_REPO"/*/pom.xml)
  shopt -u nullglob
  for svc in "${SERVICES[@]}"; do
    jar="$LW_REPO/$svc/target/quarkus-app/quarkus-run.jar"
    if [[ ! -f "$jar" ]]; then
      BUILD_REASON="$svc/target/quarkus-app/quarkus-run.jar is missing"
      return 0
    fi
    newer="$(find "${inputs[@]}" -type f -newer "$jar" -print -quit 2>/dev/null || true)"
    if [[ -n "$newer" ]]; then
      BUILD_REASON="${newer#"$LW_REPO"/} is newer than $svc's quarkus-run.jar"
      return 0
    fi
  done
  return 1
}

BUILD_REASON=""
if needs_build; then
  [[ -x "$LW_REPO/mvnw" ]] || lw_die "missing Maven wrapper $LW_REPO/mvnw, needed to build the services."
  lw_info "Building ($BUILD_REASON): ./mvnw -B -DskipTests package"
  # Running services would be restarted anyway; stopping them first frees CPU and memory for the build
  # and keeps their jars from being replaced under them.
  "$HERE/services.sh" stop
  start_build="$SECONDS"
  if ! (cd "$LW_REPO" && ./mvnw -B -DskipTests package); then
    lw_die "the build failed (see the Maven output above)."
  fi
  for svc in "${SERVICES[@]}"; do
    [[ -f "$LW_REPO/$svc/target/quarkus-app/quarkus-run.jar" ]] ||
      lw_die "the build succeeded but $svc/target/quarkus-app/quarkus-run.jar is missing."
  done
  lw_info "Build done in $((SECONDS - start_build)) s."
else
  lw_info "The services' jars are up to date; no build needed."
fi

# ---------------------------------------------------------------- 2. infrastructure and services

"$HERE/kafka.sh" start
"$HERE/postgres.sh"
# services.sh start also restarts any running service whose jar is newer than the process.
"$HERE/services.sh" start

# ---------------------------------------------------------------- 3. the scenario

# Synthetic data only: no real registry may be used. Deterministic from the seed; generated once per data folder.
DEMO_DATA="$LW_DATA/demo"
DEMO_MEMBERS="${LEAKWATCH_DEMO_MEMBERS:-20000}"
lw_ensure_tokenisation_key
if [[ ! -s "$DEMO_DATA/truth.json" || "$(cat "$DEMO_DATA/.members" 2>/dev/null)" != "$DEMO_MEMBERS" ]]; then
  lw_info "Generating a synthetic registry of $DEMO_MEMBERS members and a sample with the 2021 dump's columns ..."
  rm -rf "$DEMO_DATA"
  LEAKWATCH_TOKENISATION_KEY="$(cat "$LW_TOKENISATION_KEY_FILE")" \
    java -cp "$LW_REPO/matching-service/target/quarkus-app/app/*:$LW_REPO/matching-service/target/quarkus-app/lib/main/*" \
    io.leakwatch.matching.synthetic.GeneratorMain --out "$DEMO_DATA" --seed 2021 --members "$DEMO_MEMBERS" \
    --as-of 2021-05-01 --genuine 1600 --typos 120 --fabricated 40 --outsiders 160 --invalid 60 --repeats 20 \
    --canaries 0 --dump2021 true --claimed 279000000
  echo "$DEMO_MEMBERS" >"$DEMO_DATA/.members"
fi

export LW_INTAKE="http://127.0.0.1:$INTAKE_PORT" LW_MATCHING="http://127.0.0.1:$MATCHING_PORT"
export LW_STATEMENT="http://127.0.0.1:$STATEMENT_PORT" LW_DATA_DIR="$DEMO_DATA"
for role in reporter analyst comms auditor; do
  export "LW_TOKEN_${role^^}=$(lw_token "$role")"
done
rm -f "$DEMO_DATA/published.json" "$DEMO_DATA/incident.txt"
python3 "$HERE/scenario_2021.py" || lw_die "the scenario stopped (see above); the services' logs are in $LW_DATA/services/."
incident_id="$(cat "$DEMO_DATA/incident.txt")"

echo
echo "================ Published holding statement ================"
python3 - "$DEMO_DATA/published.json" <<'PY'
import json, sys, textwrap
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
print(f"Incident {doc['incidentId']}, version {doc['version']}, published {doc['publishedAt']}")
for lang, label in (("id", "Bahasa Indonesia"), ("en", "English")):
    print(f"\n--- {label} ---")
    for paragraph in doc["text"][lang].splitlines() or [""]:
        print(textwrap.fill(paragraph, width=100, initial_indent="  ", subsequent_indent="     ") if paragraph.strip() else "")
PY
echo "============================================================="
echo
cat <<EOF
Leakwatch is running locally:
  Public page    http://127.0.0.1:$STATEMENT_PORT/statements/$incident_id   (all: http://127.0.0.1:$STATEMENT_PORT/statements)
  Swagger UI     http://127.0.0.1:$INTAKE_PORT/q/swagger-ui  http://127.0.0.1:$MATCHING_PORT/q/swagger-ui  http://127.0.0.1:$STATEMENT_PORT/q/swagger-ui
  Metrics        http://127.0.0.1:$INTAKE_PORT/q/metrics  http://127.0.0.1:$MATCHING_PORT/q/metrics  http://127.0.0.1:$STATEMENT_PORT/q/metrics
  This incident  http://127.0.0.1:$INTAKE_PORT/api/v1/incidents/$incident_id
  Audit trail    http://127.0.0.1:$STATEMENT_PORT/api/v1/audit/incidents/$incident_id/trail/verify (role auditor)
  Kafka          127.0.0.1:$KAFKA_PORT      Logs: $LW_DATA/services/*.log, $LW_DATA/kafka/kafka.log
Tokens, valid 12 hours (or: infra/local/token.sh ROLE):
  reporter  $LW_TOKEN_REPORTER
  analyst   $LW_TOKEN_ANALYST
  comms     $LW_TOKEN_COMMS
  auditor   $LW_TOKEN_AUDITOR
Stop everything: infra/local/demo.sh --stop
EOF
