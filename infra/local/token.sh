#!/usr/bin/env bash
# Prints a bearer token for the local stack:
#   infra/local/token.sh ROLE      ROLE is one of reporter, analyst, comms, auditor (DESIGN.md, Roles)
# Use it as: curl -H "Authorization: Bearer $(infra/local/token.sh reporter)" ...
# Signed with the development key pair under .infra-data/jwt (made on first use); valid 12 hours.
set -euo pipefail

LW_NAME=token
# shellcheck source=infra/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  reporter | analyst | comms | auditor) lw_token "$1" ;;
  *) lw_die "usage: infra/local/token.sh reporter|analyst|comms|auditor" ;;
esac
