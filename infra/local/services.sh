#!/usr/bin/env bash
# Runs the packaged Leakwatch services (Quarkus fast-jars) in the background on this machine.
#   infra/local/services.sh start|stop|status [service ...]
# Services (default: all): intake-service, matching-service, statement-service (short names intake,
# matching, statement work too). Pid and log files: ${LEAKWATCH_DATA:-<repo>/.infra-data}/services/.
# Environment: LEAKWATCH_INTAKE_PORT (8081), LEAKWATCH_MATCHING_PORT (8082), LEAKWATCH_STATEMENT_PORT (8083),
#              LEAKWATCH_KAFKA_PORT (9092), LEAKWATCH_SERVICE_START_TIMEOUT (90 s), LEAKWATCH_DATA.
# 'start' also restarts a running service whose quarkus-run.jar was rebuilt since it started.
set -euo pipefail

LW_NAME=services
# shellcheck source=infra/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ALL_SERVICES=(intake-service matching-service statement-service)
RUN_DIR="$LW_DATA/services"
START_TIMEOUT="${LEAKWATCH_SERVICE_START_TIMEOUT:-90}"

usage() {
  echo "usage: $0 start|stop|status [${ALL_SERVICES[*]}]" >&2
  exit 2
}

port_var() {
  case "$1" in
    intake-service) echo LEAKWATCH_INTAKE_PORT ;;
    matching-service) echo LEAKWATCH_MATCHING_PORT ;;
    statement-service) echo LEAKWATCH_STATEMENT_PORT ;;
  esac
}

default_port() {
  case "$1" in
    intake-service) echo 8081 ;;
    matching-service) echo 8082 ;;
    statement-service) echo 8083 ;;
  esac
}

svc_port() { lw_port_var "$(port_var "$1")" "$(default_port "$1")"; }
svc_jar() { echo "$LW_REPO/$1/target/quarkus-app/quarkus-run.jar"; }
svc_pidfile() { echo "$RUN_DIR/$1.pid"; }
svc_log() { echo "$RUN_DIR/$1.log"; }
# A service process is recognised by its jar path on the command line: found through its pid file or,
# when that file was lost, as the process listening on the service's port (the pid file is then restored).
svc_pid() {
  local pattern holder
  pattern="-jar $(svc_jar "$1")"
  lw_running_pid "$(svc_pidfile "$1")" "$pattern" && return 0
  command -v ss >/dev/null 2>&1 || return 1
  for holder in $(lw_port_pids "$(svc_port "$1")"); do
    if lw_pid_alive "$holder" "$pattern"; then
      mkdir -p "$RUN_DIR"
      echo "$holder" >"$(svc_pidfile "$1")"
      printf '%s\n' "$holder"
      return 0
    fi
  done
  return 1
}
# The port a running service was started with (from its command line).
running_port() { lw_pid_cmdline "$1" | sed -n 's/.*-Dquarkus\.http\.port=\([0-9]*\).*/\1/p'; }

svc_ready() {
  curl -fsS -o /dev/null -m 5 "http://127.0.0.1:$1/q/health/ready"
}

# Parses the service arguments into the array SERVICES (all when none given).
parse_services() {
  SERVICES=()
  local arg svc
  if [[ $# -eq 0 ]]; then
    SERVICES=("${ALL_SERVICES[@]}")
    return
  fi
  for arg in "$@"; do
    svc="${arg%-service}-service"
    [[ " ${ALL_SERVICES[*]} " == *" $svc "* ]] ||
      lw_die "unknown service '$arg' (known: ${ALL_SERVICES[*]})."
    SERVICES+=("$svc")
  done
}

stop_one() {
  local svc="$1" pid
  if pid="$(svc_pid "$svc")"; then
    lw_info "Stopping $svc (pid $pid) ..."
    lw_stop_pid "$pid" "$svc"
    rm -f "$(svc_pidfile "$svc")"
  else
    lw_info "$svc is not running; nothing to stop."
  fi
}

cmd_start() {
  local svc pid port jar var kafka_port rc failed=0
  local -a to_start=() pids=()
  lw_require_java
  lw_require_ss
  lw_require_cmd curl "Install it with: apt-get install curl"
  kafka_port="$(lw_port_var LEAKWATCH_KAFKA_PORT 9092)"
  mkdir -p "$RUN_DIR"

  # 1. Check everything before starting anything.
  for svc in "${SERVICES[@]}"; do
    jar="$(svc_jar "$svc")"
    port="$(svc_port "$svc")"
    var="$(port_var "$svc")"
    if pid="$(svc_pid "$svc")"; then
      if [[ -f "$jar" && "$jar" -nt "$(svc_pidfile "$svc")" ]]; then
        lw_info "$svc (pid $pid) runs an older build than $jar; restarting it."
        stop_one "$svc"
      else
        lw_info "$svc is already running (pid $pid) on port $(running_port "$pid"); nothing to do."
        continue
      fi
    fi
    [[ -f "$jar" ]] || lw_die "$svc is not built: $jar is missing." \
      "Build it first from the repository root: ./mvnw -DskipTests package"
    if lw_port_in_use "$port"; then
      lw_fail_port_taken "$port" "$svc HTTP port" "$var" "infra/local/services.sh start"
    fi
    to_start+=("$svc")
  done
  ((${#to_start[@]} > 0)) || return 0

  if ! lw_port_in_use "$kafka_port"; then
    lw_warn "nothing listens on the Kafka port 127.0.0.1:$kafka_port; start it first with infra/local/kafka.sh start (the services will not get ready without it)."
  fi

  # 2. Start them all (they boot in parallel), then wait for each. They verify bearer tokens with the development key.
  lw_ensure_jwt_keys
  lw_ensure_tokenisation_key
  for svc in "${to_start[@]}"; do
    port="$(svc_port "$svc")"
    lw_rotate_log "$(svc_log "$svc")"
    pid="$(lw_start_bg "$LW_REPO/$svc" "$(svc_log "$svc")" "$(svc_pidfile "$svc")" \
      env LEAKWATCH_TOKENISATION_KEY="$(cat "$LW_TOKENISATION_KEY_FILE")" \
      java -Xmx256m -Dquarkus.http.port="$port" -Dkafka.bootstrap.servers="127.0.0.1:$kafka_port" \
      -Dmp.jwt.verify.publickey.location="$LW_JWT_DIR/public.pem" \
      -jar "$(svc_jar "$svc")")"
    pids+=("$pid")
    lw_info "Starting $svc (pid $pid) on port $port, log $(svc_log "$svc") ..."
  done
  local i
  for i in "${!to_start[@]}"; do
    svc="${to_start[$i]}"
    pid="${pids[$i]}"
    port="$(svc_port "$svc")"
    rc=0
    lw_wait_for "$START_TIMEOUT" "$pid" svc_ready "$port" || rc=$?
    case "$rc" in
      0)
        lw_info "$svc is ready: http://127.0.0.1:$port (pid $pid)."
        ;;
      2)
        rm -f "$(svc_pidfile "$svc")"
        lw_tail_log "$(svc_log "$svc")"
        lw_warn "$svc exited during start-up; see the log above ($(svc_log "$svc"))."
        failed=1
        ;;
      *)
        lw_tail_log "$(svc_log "$svc")"
        lw_stop_pid "$pid" "$svc" >&2 || true
        rm -f "$(svc_pidfile "$svc")"
        lw_warn "$svc did not get ready at http://127.0.0.1:$port/q/health/ready within ${START_TIMEOUT}s (stopped it again); see $(svc_log "$svc")."
        failed=1
        ;;
    esac
  done
  if ((failed)); then
    lw_die "some services did not start (see above). On a very loaded machine, retry with LEAKWATCH_SERVICE_START_TIMEOUT=180."
  fi
}

cmd_stop() {
  local i
  # Reverse order: downstream services first.
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    stop_one "${SERVICES[$i]}"
  done
}

cmd_status() {
  local svc pid port all=0
  for svc in "${SERVICES[@]}"; do
    if pid="$(svc_pid "$svc")"; then
      port="$(running_port "$pid")"
      if command -v curl >/dev/null 2>&1 && svc_ready "$port" 2>/dev/null; then
        lw_info "$svc is running (pid $pid) and ready: http://127.0.0.1:$port, log $(svc_log "$svc")."
      else
        lw_info "$svc is running (pid $pid) on port $port but not ready (yet); log $(svc_log "$svc")."
      fi
    else
      lw_info "$svc is not running."
      all=3
    fi
  done
  return "$all"
}

[[ $# -ge 1 ]] || usage
action="$1"
shift
parse_services "$@"
case "$action" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
