#!/usr/bin/env bash
# Checks a service's own event store against its seal (event_seal), offline, straight from PostgreSQL:
#   infra/local/verify-event-store.sh intake|matching|statement [jdbc-url]
# The default URL is the local stack's database of that service (LEAKWATCH_PG_HOST/LEAKWATCH_PG_PORT, user postgres).
# Prints VALID sealed=N pending=M head=SEAL@INDEX:HASH and exits 0, or one INVALID line per edited, deleted, reordered
# or inserted event (global index, aggregate, sequence number) and exits 1. Needs the service built
# (./mvnw package -pl <service>-service -am): it runs the platform's EventStoreCheck from the service's libraries.
set -euo pipefail

LW_NAME=verify-event-store
# shellcheck source=infra/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service="${1:-}"
case "$service" in
  intake | matching | statement) ;;
  *) lw_die "usage: infra/local/verify-event-store.sh intake|matching|statement [jdbc-url]" ;;
esac
url="${2:-jdbc:postgresql://${LEAKWATCH_PG_HOST:-127.0.0.1}:${LEAKWATCH_PG_PORT:-5432}/leakwatch_${service}}"
lib="$LW_REPO/${service}-service/target/quarkus-app/lib/main"
[[ -d "$lib" ]] || lw_die "$lib is missing: build it first with ./mvnw -B package -DskipTests -pl ${service}-service -am"
lw_require_java
exec java -cp "$lib/*" io.leakwatch.platform.seal.EventStoreCheck "$url" postgres
