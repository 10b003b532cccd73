# shellcheck shell=bash
# Common helpers for the Leakwatch local-infrastructure scripts (logging, prerequisites,
# port checks, pid files, waiting). Sourced by the other scripts in infra/local; not run by itself.

if [[ -n "${_LW_LIB_LOADED:-}" ]]; then
  return 0
fi
_LW_LIB_LOADED=1

# Repository root (two levels above this file) and the local data directory.
LW_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LW_DATA="${LEAKWATCH_DATA:-$LW_REPO/.infra-data}"
case "$LW_DATA" in
  /*) ;;
  *) LW_DATA="$PWD/$LW_DATA" ;;
esac
LW_NAME="${LW_NAME:-$(basename "$0" .sh)}"
# Seconds to wait after SIGTERM before SIGKILL.
LW_STOP_TIMEOUT="${LEAKWATCH_STOP_TIMEOUT:-20}"

# ---------------------------------------------------------------- logging

lw_info() { printf '[%s] %s\n' "$LW_NAME" "$*"; }
lw_warn() { printf '[%s] WARNING: %s\n' "$LW_NAME" "$*" >&2; }
lw_die() {
  printf '[%s] ERROR: %s\n' "$LW_NAME" "$1" >&2
  shift
  local line
  for line in "$@"; do
    printf '[%s]   %s\n' "$LW_NAME" "$line" >&2
  done
  exit 1
}

# lw_tail_log FILE [LINES]: prints the end of a log file to stderr.
lw_tail_log() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    printf '[%s] ---- last %s lines of %s ----\n' "$LW_NAME" "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf '[%s] ---- end of %s ----\n' "$LW_NAME" "$file" >&2
  else
    printf '[%s] (log file %s is empty or missing)\n' "$LW_NAME" "$file" >&2
  fi
}

# lw_rotate_log FILE: keeps the previous run's log as FILE.1 so a new run starts with an empty log.
lw_rotate_log() {
  if [[ -e "$1" ]]; then
    mv -f "$1" "$1.1"
  fi
}

# ---------------------------------------------------------------- prerequisites

# lw_require_cmd CMD HINT: fails naming the missing command and how to get it.
lw_require_cmd() {
  command -v "$1" >/dev/null 2>&1 || lw_die "required command '$1' not found." "$2"
}

# lw_require_java: java on PATH, version 17 or newer.
lw_require_java() {
  lw_require_cmd java "Install a Java 17+ JDK (e.g. apt-get install openjdk-17-jdk-headless) and put 'java' on PATH."
  local version major
  version="$(java -version 2>&1 | sed -n 's/.* version "\([0-9][0-9._]*\).*/\1/p' | head -n 1)"
  major="${version%%.*}"
  if [[ "$major" == 1 ]]; then
    major="$(printf '%s' "$version" | cut -d. -f2)"
  fi
  if [[ ! "$major" =~ ^[0-9]+$ ]] || ((major < 17)); then
    lw_die "Java 17 or newer is required, but 'java' is version '${version:-unknown}'." \
      "Install a Java 17+ JDK and put it first on PATH (or set JAVA_HOME/PATH accordingly)."
  fi
}

# lw_require_ss: 'ss' (iproute2) is used for all port checks.
lw_require_ss() {
  lw_require_cmd ss "Install it with: apt-get install iproute2"
}

# lw_port_var VARNAME DEFAULT: prints the port taken from env var VARNAME (or DEFAULT), validated.
lw_port_var() {
  local var="$1" default="$2" value
  value="${!var:-$default}"
  if [[ ! "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    lw_die "$var='$value' is not a valid TCP port (1-65535)."
  fi
  printf '%s\n' "$value"
}

# ---------------------------------------------------------------- ports

# lw_port_in_use PORT: true when some process listens on TCP PORT (any local address).
lw_port_in_use() {
  [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

# lw_port_pids PORT: pids of the processes listening on PORT (one per line; may be empty
# when the socket belongs to another user or network namespace).
lw_port_pids() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -un
}

# lw_port_holders PORT: a readable description of who listens on PORT.
lw_port_holders() {
  local port="$1" pid found=0
  while read -r pid; do
    [[ -n "$pid" ]] || continue
    found=1
    printf 'pid %s: %s\n' "$pid" "$(lw_pid_cmdline "$pid" | cut -c1-200)"
  done < <(lw_port_pids "$port")
  if ((found == 0)); then
    ss -Hltnp "sport = :$port" 2>/dev/null | sed 's/^/ss: /'
  fi
}

# lw_reserved_ports: the ports the Leakwatch scripts are configured to use (never suggested).
lw_reserved_ports() {
  printf '%s\n' "${LEAKWATCH_KAFKA_PORT:-9092}" "${LEAKWATCH_KAFKA_CONTROLLER_PORT:-9093}" \
    "${LEAKWATCH_INTAKE_PORT:-8081}" "${LEAKWATCH_MATCHING_PORT:-8082}" "${LEAKWATCH_STATEMENT_PORT:-8083}" \
    "${LEAKWATCH_PG_PORT:-5432}"
}

# lw_suggest_port PORT: first free port above PORT (within 100) that no other Leakwatch setting uses.
lw_suggest_port() {
  local p reserved
  reserved=" $(lw_reserved_ports | tr '\n' ' ') "
  for ((p = $1 + 1; p <= $1 + 100 && p <= 65535; p++)); do
    [[ "$reserved" == *" $p "* ]] && continue
    if ! lw_port_in_use "$p"; then
      printf '%s\n' "$p"
      return 0
    fi
  done
  printf '<free port>\n'
}

# lw_fail_port_taken PORT WHAT ENVVAR COMMAND: fails with the holder of PORT and how to pick another.
lw_fail_port_taken() {
  local port="$1" what="$2" var="$3" cmd="$4" holders line
  local -a lines=()
  holders="$(lw_port_holders "$port")"
  while IFS= read -r line; do
    [[ -n "$line" ]] && lines+=("  $line")
  done <<<"$holders"
  ((${#lines[@]} > 0)) || lines+=("  (ss -ltnp could not tell which process)")
  lw_die "port $port ($what) is already in use by another process:" \
    "${lines[@]}" \
    "Stop that process, or choose another port with $var, e.g.:" \
    "  $var=$(lw_suggest_port "$port") $cmd" \
    "(export $var so that the other infra/local scripts use the same port)."
}

# ---------------------------------------------------------------- processes and pid files

# lw_pid_cmdline PID: the command line of PID with spaces between arguments (empty when gone).
lw_pid_cmdline() {
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | sed 's/ $//' || true
  fi
}

# lw_pid_alive PID [PATTERN]: true when PID runs and (if given) its command line contains PATTERN.
lw_pid_alive() {
  local pid="$1" pattern="${2:-}"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # A zombie is not alive for our purposes.
  if [[ -r "/proc/$pid/stat" ]] && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]]; then
    return 1
  fi
  if [[ -n "$pattern" ]]; then
    [[ "$(lw_pid_cmdline "$pid")" == *"$pattern"* ]] || return 1
  fi
  return 0
}

# lw_running_pid PIDFILE PATTERN: prints the pid recorded in PIDFILE when that process is alive and
# its command line contains PATTERN; otherwise removes a stale PIDFILE and returns 1.
lw_running_pid() {
  local pidfile="$1" pattern="$2" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' <"$pidfile")"
  if lw_pid_alive "$pid" "$pattern"; then
    printf '%s\n' "$pid"
    return 0
  fi
  rm -f "$pidfile"
  return 1
}

# lw_start_bg WORKDIR LOGFILE PIDFILE CMD...: starts CMD detached (own session, nohup, no stdin),
# output appended to LOGFILE, pid written to PIDFILE; prints the pid.
lw_start_bg() {
  local workdir="$1" log="$2" pidfile="$3" pid
  shift 3
  (
    cd "$workdir" || exit 1
    # No job control here, so setsid does not fork and $! is the pid of CMD itself.
    setsid nohup "$@" >>"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  )
  pid="$(cat "$pidfile")"
  printf '%s\n' "$pid"
}

# lw_stop_pid PID NAME: SIGTERM, waits up to LEAKWATCH_STOP_TIMEOUT (20 s), then SIGKILL.
lw_stop_pid() {
  local pid="$1" name="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < LW_STOP_TIMEOUT * 4; i++)); do
    lw_pid_alive "$pid" || {
      lw_info "$name stopped (pid $pid)."
      return 0
    }
    sleep 0.25
  done
  lw_warn "$name (pid $pid) did not stop within ${LW_STOP_TIMEOUT}s after SIGTERM; sending SIGKILL."
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    lw_pid_alive "$pid" || {
      lw_info "$name killed (pid $pid)."
      return 0
    }
    sleep 0.25
  done
  lw_die "$name (pid $pid) is still alive after SIGKILL."
}

# lw_wait_for TIMEOUT PID CHECK...: runs CHECK (a command) every second until it succeeds (0),
# the process PID dies (returns 2; PID may be empty to skip that test) or TIMEOUT seconds pass (1).
lw_wait_for() {
  local timeout="$1" pid="$2" start
  shift 2
  start="$SECONDS"
  while true; do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! lw_pid_alive "$pid"; then
      return 2
    fi
    if ((SECONDS - start >= timeout)); then
      return 1
    fi
    sleep 1
  done
}

# lw_json_get FILE KEY.PATH...: prints each dotted key path of the JSON in FILE on its own line
# (empty line when absent); uses python3, else jq.
lw_json_get() {
  local file="$1"
  shift
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$file" "$@" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
for path in sys.argv[2:]:
    value = doc
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        print("")
    elif isinstance(value, (dict, list)):
        print(json.dumps(value, ensure_ascii=False))
    else:
        print(value)
PY
  elif command -v jq >/dev/null 2>&1; then
    local path
    for path in "$@"; do
      jq -r --arg p "$path" 'getpath($p | split(".")) // "" | if type == "string" then . else tojson end' "$file"
    done
  else
    lw_die "python3 or jq is required to read JSON answers." "Install one of them, e.g. apt-get install python3 (or jq)."
  fi
}

# ---------------------------------------------------------------- development JWT keys

# The local stack's development key pair: made on first use under the data directory, never committed, never used
# by a deployment (production verifies with the key its operators configure in LEAKWATCH_JWT_PUBLIC_KEY).
LW_JWT_DIR="$LW_DATA/jwt"
LW_JWT_ISSUER="https://leakwatch.local"

lw_ensure_jwt_keys() {
  if [[ -s "$LW_JWT_DIR/private.pem" && -s "$LW_JWT_DIR/public.pem" ]]; then
    return 0
  fi
  lw_require_cmd openssl "Install it with: apt-get install openssl"
  mkdir -p "$LW_JWT_DIR"
  chmod 700 "$LW_JWT_DIR"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$LW_JWT_DIR/private.pem" 2>/dev/null
  openssl pkey -in "$LW_JWT_DIR/private.pem" -pubout -out "$LW_JWT_DIR/public.pem"
  lw_info "Made a development JWT key pair in $LW_JWT_DIR (local use only)."
}

# ---------------------------------------------------------------- development tokenisation key

# The local stack's tokenisation key (HMAC key of every personal-data token; intake and matching must share it):
# random, made on first use under the data directory, never committed. Production sets LEAKWATCH_TOKENISATION_KEY
# from its secret store; without a key intake-service refuses to start.
LW_TOKENISATION_KEY_FILE="$LW_DATA/tokenisation.key"

lw_ensure_tokenisation_key() {
  if [[ -s "$LW_TOKENISATION_KEY_FILE" ]]; then
    return 0
  fi
  lw_require_cmd openssl "Install it with: apt-get install openssl"
  mkdir -p "$LW_DATA"
  (umask 077 && openssl rand -base64 32 >"$LW_TOKENISATION_KEY_FILE")
  lw_info "Made a development tokenisation key in $LW_TOKENISATION_KEY_FILE (local use only)."
}

_lw_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# lw_token ROLE [SECONDS]: prints a bearer token for ROLE signed with the development key (default: valid 12 hours).
lw_token() {
  local role="$1" valid="${2:-43200}" now header payload signature
  lw_ensure_jwt_keys >&2
  now="$(date +%s)"
  header="$(printf '{"alg":"RS256","typ":"JWT"}' | _lw_b64url)"
  payload="$(printf '{"iss":"%s","upn":"local-%s","sub":"local-%s","groups":["%s"],"iat":%d,"exp":%d}' \
    "$LW_JWT_ISSUER" "$role" "$role" "$role" "$now" "$((now + valid))" | _lw_b64url)"
  signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$LW_JWT_DIR/private.pem" -binary | _lw_b64url)"
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}
