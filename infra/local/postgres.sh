#!/usr/bin/env bash
# Makes sure the local PostgreSQL answers, that the role 'postgres' can log in, and that the
# service databases exist (creates the missing ones; never drops anything).
#   infra/local/postgres.sh [db ...]        default: leakwatch_intake leakwatch_matching leakwatch_statement
#   infra/local/postgres.sh --no-databases  only the first two checks (used by test.sh: tests make their own)
# Environment: LEAKWATCH_PG_HOST (127.0.0.1), LEAKWATCH_PG_PORT (5432).
set -euo pipefail

LW_NAME=postgres
# shellcheck source=infra/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_HOST="${LEAKWATCH_PG_HOST:-127.0.0.1}"
PG_PORT="$(lw_port_var LEAKWATCH_PG_PORT 5432)"
PG_USER=postgres
DEFAULT_DBS=(leakwatch_intake leakwatch_matching leakwatch_statement)

usage() {
  echo "usage: $0 [--no-databases | db ...]" >&2
  exit 2
}

dbs=()
if [[ $# -eq 0 ]]; then
  dbs=("${DEFAULT_DBS[@]}")
elif [[ "$1" == --no-databases ]]; then
  [[ $# -eq 1 ]] || usage
elif [[ "$1" == -h || "$1" == --help ]]; then
  usage
else
  dbs=("$@")
fi
for db in "${dbs[@]}"; do
  [[ "$db" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
    lw_die "invalid database name '$db' (use lower-case letters, digits and '_', starting with a letter or '_')."
done

lw_require_cmd pg_isready "Install the PostgreSQL client tools: apt-get install postgresql-client"
lw_require_cmd psql "Install the PostgreSQL client tools: apt-get install postgresql-client"

is_ready() {
  pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
}

# -X: no ~/.psqlrc; -w: never prompt for a password (no terminal in CI); ON_ERROR_STOP for clean failures.
psql_cmd() {
  psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"
}

# Starts the local Debian cluster that is configured for PG_PORT (pg_lsclusters / pg_ctlcluster), or fails.
start_local_cluster() {
  local ver name port status log found=""
  case "$PG_HOST" in
    127.0.0.1 | localhost | ::1) ;;
    *)
      lw_die "PostgreSQL does not answer at $PG_HOST:$PG_PORT (not a local address, so no local cluster is started)." \
        "Start that server, or unset LEAKWATCH_PG_HOST to use a local one."
      ;;
  esac
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v pg_lsclusters >/dev/null 2>&1; then
    lw_die "PostgreSQL does not answer at $PG_HOST:$PG_PORT, and pg_ctlcluster is not available to start it." \
      "Install PostgreSQL (apt-get install postgresql) and start it (pg_ctlcluster --skip-systemctl-redirect <version> main start)," \
      "or point LEAKWATCH_PG_HOST / LEAKWATCH_PG_PORT at a running server."
  fi
  while read -r ver name port status _ _ log _; do
    [[ "$port" == "$PG_PORT" ]] || continue
    found="$ver/$name"
    if [[ "$status" == online* ]]; then
      lw_die "cluster $found is online on port $PG_PORT but pg_isready gets no answer at $PG_HOST:$PG_PORT." \
        "Check listen_addresses in /etc/postgresql/$ver/$name/postgresql.conf and the log $log."
    fi
    lw_info "PostgreSQL does not answer at $PG_HOST:$PG_PORT; starting cluster $found: pg_ctlcluster --skip-systemctl-redirect $ver $name start"
    if ! pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start; then
      lw_tail_log "$log" 20
      lw_die "pg_ctlcluster could not start cluster $found; see its log $log."
    fi
    break
  done < <(pg_lsclusters -h 2>/dev/null)
  if [[ -z "$found" ]]; then
    lw_die "PostgreSQL does not answer at $PG_HOST:$PG_PORT, and no local cluster is configured for port $PG_PORT." \
      "Clusters here: $(pg_lsclusters -h 2>/dev/null | awk '{printf "%s/%s on port %s (%s); ", $1, $2, $3, $4}')" \
      "Set LEAKWATCH_PG_PORT to the cluster's port, or create one: pg_createcluster <version> main --port $PG_PORT"
  fi
}

if is_ready; then
  lw_info "PostgreSQL answers at $PG_HOST:$PG_PORT."
else
  start_local_cluster
  rc=0
  lw_wait_for 30 "" is_ready || rc=$?
  if ((rc != 0)); then
    lw_die "PostgreSQL still does not answer at $PG_HOST:$PG_PORT 30 s after starting the local cluster." \
      "See its log under /var/log/postgresql, or point LEAKWATCH_PG_HOST / LEAKWATCH_PG_PORT at a running server."
  fi
  lw_info "PostgreSQL started and answers at $PG_HOST:$PG_PORT."
fi

if ! out="$(psql_cmd -d postgres -tAc 'select 1' 2>&1)"; then
  lw_die "the role '$PG_USER' cannot log in to PostgreSQL at $PG_HOST:$PG_PORT:" "$out" \
    "Allow it in pg_hba.conf (e.g. 'host all all 127.0.0.1/32 trust' for local development) and reload," \
    "or give its password through PGPASSWORD / ~/.pgpass."
fi
lw_info "Role '$PG_USER' can log in."

for db in "${dbs[@]}"; do
  exists="$(psql_cmd -d postgres -tAc "select 1 from pg_database where datname = '$db'")"
  if [[ "$exists" == 1 ]]; then
    lw_info "Database $db exists."
  else
    if ! out="$(psql_cmd -d postgres -c "create database \"$db\"" 2>&1)"; then
      # Someone else may have created it in between.
      [[ "$(psql_cmd -d postgres -tAc "select 1 from pg_database where datname = '$db'")" == 1 ]] ||
        lw_die "could not create database $db:" "$out"
    fi
    lw_info "Database $db created."
  fi
done
