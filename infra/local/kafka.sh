#!/usr/bin/env bash
# Single-node Kafka broker (KRaft, broker+controller in one JVM) for local runs, without Docker.
#   infra/local/kafka.sh start|stop|status
# Jars come from Maven Central through infra/local/kafka/pom.xml; data, logs and pid live in
# ${LEAKWATCH_DATA:-<repo>/.infra-data}/kafka.
# Environment: LEAKWATCH_KAFKA_PORT (9092), LEAKWATCH_KAFKA_CONTROLLER_PORT (9093),
#              LEAKWATCH_KAFKA_START_TIMEOUT (60 s), LEAKWATCH_DATA, LEAKWATCH_KAFKA_JAVA_OPTS (more JVM options:
#              GC logging, a JFR recording).
# The heap's regions are 4 MB: with G1's default of 1 MB at this heap, every produce request of sample chunks
# (300 KB to 1 MB) was a humongous object, and a 1M-row upload cost the broker 400 collections (docs/decisions.md,
# Session 10).
set -euo pipefail

LW_NAME=kafka
# shellcheck source=infra/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_DIR="$LW_DATA/kafka"
LIBS_DIR="$KAFKA_DIR/libs"
LOG_DIRS="$KAFKA_DIR/data"
PROPS="$KAFKA_DIR/server.properties"
PIDFILE="$KAFKA_DIR/kafka.pid"
LOGFILE="$KAFKA_DIR/kafka.log"
POM="$LW_REPO/infra/local/kafka/pom.xml"
LOG4J2="$LW_REPO/infra/local/kafka/log4j2.xml"
START_TIMEOUT="${LEAKWATCH_KAFKA_START_TIMEOUT:-60}"
# Recognises our broker in /proc/<pid>/cmdline: the main class and this data dir's config file.
PATTERN="kafka.Kafka $PROPS"

usage() {
  echo "usage: $0 start|stop|status" >&2
  exit 2
}

ports() {
  PORT="$(lw_port_var LEAKWATCH_KAFKA_PORT 9092)"
  CPORT="$(lw_port_var LEAKWATCH_KAFKA_CONTROLLER_PORT 9093)"
  if [[ "$PORT" == "$CPORT" ]]; then
    lw_die "LEAKWATCH_KAFKA_PORT and LEAKWATCH_KAFKA_CONTROLLER_PORT are both $PORT; they must differ."
  fi
}

# Copies the broker's jars once (again only when the helper pom changed).
ensure_libs() {
  local stamp="$LIBS_DIR/.pom.sha256" want
  [[ -f "$POM" ]] || lw_die "missing $POM (the helper pom that lists the broker's jars)."
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  [[ -x "$LW_REPO/mvnw" ]] || lw_die "missing Maven wrapper $LW_REPO/mvnw (needed once to fetch the Kafka jars)."
  lw_info "Fetching the Kafka broker jars from Maven Central into $LIBS_DIR (first run only) ..."
  rm -rf "$LIBS_DIR"
  mkdir -p "$LIBS_DIR"
  if ! (cd "$LW_REPO" && ./mvnw -q -B -f infra/local/kafka/pom.xml dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS_DIR"); then
    rm -rf "$LIBS_DIR"
    lw_die "could not fetch the Kafka jars with ./mvnw -f infra/local/kafka/pom.xml dependency:copy-dependencies." \
      "Maven Central must be reachable (or the jars already in ~/.m2/repository)."
  fi
  compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null || lw_die "Maven ran but no kafka_2.13 jar landed in $LIBS_DIR."
  printf '%s\n' "$want" >"$stamp"
  lw_info "Copied $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars."
}

write_props() {
  mkdir -p "$LOG_DIRS"
  cat >"$PROPS.tmp" <<EOF
# Written by infra/local/kafka.sh at every start; edits here are overwritten.
# Single-node KRaft: this one process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$LOG_DIRS
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=true
# One broker: every internal topic must have replication factor 1, or consumers never join.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
EOF
  mv -f "$PROPS.tmp" "$PROPS"
}

# Formats the storage once (skipped when meta.properties exists).
ensure_formatted() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    lw_info "Storage already formatted (cluster id $(sed -n 's/^cluster.id=//p' "$LOG_DIRS/meta.properties"))."
    return 0
  fi
  local out id
  out="$(java -Dlog4j2.configurationFile="$LOG4J2" -cp "$LIBS_DIR/*" kafka.tools.StorageTool random-uuid 2>&1)" ||
    lw_die "kafka.tools.StorageTool random-uuid failed:" "$out"
  id="$(printf '%s\n' "$out" | tail -n 1 | tr -d '[:space:]')"
  [[ "$id" =~ ^[A-Za-z0-9_-]{22}$ ]] || lw_die "unexpected cluster id from StorageTool random-uuid: '$id'" "$out"
  lw_info "Formatting the storage in $LOG_DIRS (cluster id $id) ..."
  out="$(java -Dlog4j2.configurationFile="$LOG4J2" -cp "$LIBS_DIR/*" kafka.tools.StorageTool format \
    -t "$id" -c "$PROPS" 2>&1)" || lw_die "kafka.tools.StorageTool format failed:" "$out"
}

# Prints the pid of our broker: from the pid file or, when that file was lost, from the process that
# listens on the Kafka port with our config file on its command line (the pid file is then restored).
broker_pid() {
  local holder
  lw_running_pid "$PIDFILE" "$PATTERN" && return 0
  command -v ss >/dev/null 2>&1 || return 1
  for holder in $(lw_port_pids "$PORT") $(lw_port_pids "$CPORT"); do
    if lw_pid_alive "$holder" "$PATTERN"; then
      echo "$holder" >"$PIDFILE"
      printf '%s\n' "$holder"
      return 0
    fi
  done
  return 1
}

server_started() {
  grep -q 'Kafka Server started' "$LOGFILE" && lw_port_in_use "$PORT"
}

cmd_start() {
  local pid rc
  ports
  lw_require_ss
  mkdir -p "$KAFKA_DIR"
  if pid="$(broker_pid)"; then
    lw_info "Kafka is already running (pid $pid) on 127.0.0.1:$PORT; nothing to do."
    return 0
  fi
  lw_require_java
  [[ -f "$LOG4J2" ]] || lw_die "missing $LOG4J2 (the broker's logging configuration)."
  if lw_port_in_use "$PORT"; then
    lw_fail_port_taken "$PORT" "Kafka PLAINTEXT listener" LEAKWATCH_KAFKA_PORT "infra/local/kafka.sh start"
  fi
  if lw_port_in_use "$CPORT"; then
    lw_fail_port_taken "$CPORT" "Kafka CONTROLLER listener" LEAKWATCH_KAFKA_CONTROLLER_PORT "infra/local/kafka.sh start"
  fi

  ensure_libs
  write_props
  ensure_formatted

  lw_rotate_log "$LOGFILE"
  lw_info "Starting Kafka on 127.0.0.1:$PORT (controller 127.0.0.1:$CPORT), log $LOGFILE ..."
  pid="$(lw_start_bg "$KAFKA_DIR" "$LOGFILE" "$PIDFILE" \
    java -Xmx512m -XX:G1HeapRegionSize=4m ${LEAKWATCH_KAFKA_JAVA_OPTS:-} -Dlog4j2.configurationFile="$LOG4J2" -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS")"
  rc=0
  lw_wait_for "$START_TIMEOUT" "$pid" server_started || rc=$?
  case "$rc" in
    0)
      lw_info "Kafka started (pid $pid): bootstrap servers 127.0.0.1:$PORT."
      ;;
    2)
      rm -f "$PIDFILE"
      lw_tail_log "$LOGFILE"
      lw_die "Kafka exited during start-up; see the log above ($LOGFILE)."
      ;;
    *)
      lw_tail_log "$LOGFILE"
      lw_stop_pid "$pid" "Kafka" >&2 || true
      rm -f "$PIDFILE"
      lw_die "Kafka did not log 'Kafka Server started' within ${START_TIMEOUT}s (stopped it again); see $LOGFILE." \
        "On a very loaded machine, retry with LEAKWATCH_KAFKA_START_TIMEOUT=120."
      ;;
  esac
}

cmd_stop() {
  local pid
  ports
  if pid="$(broker_pid)"; then
    lw_info "Stopping Kafka (pid $pid) ..."
    lw_stop_pid "$pid" "Kafka"
    rm -f "$PIDFILE"
  else
    lw_info "Kafka is not running; nothing to stop."
  fi
}

cmd_status() {
  local pid
  ports
  if pid="$(broker_pid)"; then
    if command -v ss >/dev/null 2>&1 && ! lw_port_in_use "$PORT"; then
      lw_info "Kafka process is running (pid $pid) but nothing listens on 127.0.0.1:$PORT yet (or LEAKWATCH_KAFKA_PORT differs from its start); log $LOGFILE."
    else
      lw_info "Kafka is running (pid $pid): bootstrap servers 127.0.0.1:$PORT, data $LOG_DIRS, log $LOGFILE."
    fi
    return 0
  fi
  lw_info "Kafka is not running (start it with infra/local/kafka.sh start)."
  return 3
}

[[ $# -eq 1 ]] || usage
case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
