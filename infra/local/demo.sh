#!/usr/bin/env bash
# The Leakwatch demo on this machine, without Docker:
#   infra/local/demo.sh          builds when needed, starts Kafka, PostgreSQL and the three services,
#                                reports the 279-million-record forum claim and prints the drafted statement.
#   infra/local/demo.sh --stop   stops the services, then Kafka (PostgreSQL is left running).
# Running it again needs no clean-up: running services are reused (restarted when the build changed).
# Environment: LEAKWATCH_INTAKE_PORT (8081), LEAKWATCH_MATCHING_PORT (8082), LEAKWATCH_STATEMENT_PORT (8083),
#              LEAKWATCH_KAFKA_PORT (9092), LEAKWATCH_DEMO_TIMEOUT (60 s), and those of the other scripts.
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
DEMO_TIMEOUT="${LEAKWATCH_DEMO_TIMEOUT:-60}"

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

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

INTAKE_URL="http://127.0.0.1:$INTAKE_PORT/api/v1/incidents"
cat >"$WORK/incident.json" <<'JSON'
{"title":"Data of 279 million Indonesians offered on a forum","source":{"kind":"FORUM","url":"https://raidforums.example/Thread-279-million","actor":"Kotz"},"claimedRecordCount":279000000,"dataCategories":["NIK","NAME","PHONE","ADDRESS","SALARY"],"discoveredAt":"2021-05-20T09:00:00Z","jurisdictions":["ID"]}
JSON

echo
lw_info "Reporting the claim: POST $INTAKE_URL"
lw_info "  'Data of 279 million Indonesians offered on a forum' (FORUM, actor Kotz, 279,000,000 records)"
code="$(curl -sS -m 30 -o "$WORK/created.json" -D "$WORK/created.headers" -w '%{http_code}' \
  -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -H "Authorization: Bearer $(lw_token reporter)" \
  --data-binary @"$WORK/incident.json" "$INTAKE_URL")" ||
  lw_die "could not reach the intake service at $INTAKE_URL (is it running? infra/local/services.sh status)."
location="$(tr -d '\r' <"$WORK/created.headers" | awk 'tolower($1) == "location:" { print $2 }' | tail -n 1)"
if [[ "$location" == /* ]]; then
  location="http://127.0.0.1:$INTAKE_PORT$location"
fi
if [[ "$code" != 201 ]]; then
  lw_die "the intake service answered HTTP $code instead of 201 Created:" "$(head -c 2000 "$WORK/created.json")" \
    "See the log $LW_DATA/services/intake-service.log"
fi
incident_id=""
if [[ -s "$WORK/created.json" ]]; then
  incident_id="$(lw_json_get "$WORK/created.json" incidentId 2>/dev/null || true)"
fi
if [[ -z "$incident_id" && -n "$location" ]]; then
  incident_id="${location%/}"
  incident_id="${incident_id##*/}"
fi
[[ -n "$incident_id" ]] ||
  lw_die "the 201 answer carries no incidentId (body: $(head -c 500 "$WORK/created.json"))."
lw_info "Created incident $incident_id (HTTP 201, Location: ${location:-none})."

STATEMENT_URL="http://127.0.0.1:$STATEMENT_PORT/api/v1/incidents/$incident_id/statements/latest"
lw_info "Waiting (up to ${DEMO_TIMEOUT}s) for the drafted statement: GET $STATEMENT_URL"
COMMS_TOKEN="$(lw_token comms)"
statement_ready() {
  local c
  c="$(curl -sS -m 5 -o "$WORK/statement.json" -w '%{http_code}' -H 'Accept: application/json' \
    -H "Authorization: Bearer $COMMS_TOKEN" "$STATEMENT_URL" 2>/dev/null || true)"
  LAST_CODE="$c"
  [[ "$c" == 200 ]]
}
LAST_CODE=""
start_poll="$SECONDS"
if ! lw_wait_for "$DEMO_TIMEOUT" "" statement_ready; then
  lw_die "no statement for incident $incident_id after ${DEMO_TIMEOUT}s (last answer: HTTP ${LAST_CODE:-none})." \
    "Body: $(head -c 500 "$WORK/statement.json" 2>/dev/null || true)" \
    "Logs: $LW_DATA/services/{intake,matching,statement}-service.log"
fi
lw_info "Statement available after $((SECONDS - start_poll)) s."

echo
echo "================ Drafted holding statement ================"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$WORK/statement.json" <<'PY'
import json, sys, textwrap
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
text = doc.get("text") or {}
if doc.get("incidentId"):
    print(f"Incident : {doc['incidentId']}")
print(f"Version  : {doc.get('version')}")
print(f"Status   : {doc.get('status')}")
for lang, label in (("id", "Bahasa Indonesia (text.id)"), ("en", "English (text.en)")):
    print()
    print(f"--- {label} ---")
    value = text.get(lang) if isinstance(text, dict) else None
    if not value:
        print("  (missing)")
        continue
    for paragraph in str(value).splitlines() or [""]:
        print(textwrap.fill(paragraph, width=96, initial_indent="  ", subsequent_indent="  ") if paragraph.strip() else "")
PY
else
  jq -r '"Version  : \(.version)", "Status   : \(.status)", "", "--- Bahasa Indonesia (text.id) ---", (.text.id // "(missing)"), "", "--- English (text.en) ---", (.text.en // "(missing)")' "$WORK/statement.json"
fi
echo "==========================================================="
echo
cat <<EOF
Leakwatch is running locally:
  Intake API     http://127.0.0.1:$INTAKE_PORT/api/v1/incidents   (health: http://127.0.0.1:$INTAKE_PORT/q/health)
  Matching       http://127.0.0.1:$MATCHING_PORT   (health: http://127.0.0.1:$MATCHING_PORT/q/health)
  Statements     http://127.0.0.1:$STATEMENT_PORT/api/v1/incidents/$incident_id/statements/latest
                 (health: http://127.0.0.1:$STATEMENT_PORT/q/health)
  This incident  ${location:-http://127.0.0.1:$INTAKE_PORT/api/v1/incidents/$incident_id}
  Kafka          127.0.0.1:$KAFKA_PORT
  Logs           $LW_DATA/services/*.log, $LW_DATA/kafka/kafka.log
  Tokens         infra/local/token.sh reporter|analyst|comms|auditor   (curl -H "Authorization: Bearer \$(infra/local/token.sh comms)" ...)
Stop everything: infra/local/demo.sh --stop
EOF
