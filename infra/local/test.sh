#!/usr/bin/env bash
# The project's test command (also what CI runs through .ci/run):
#   infra/local/test.sh [extra Maven arguments, e.g. -pl intake-service -am]
# Makes sure PostgreSQL answers (the tests create and drop their own databases), then runs
# ./mvnw -B verify from the repository root. Kafka is NOT started: the tests run their own in-JVM broker.
# When Maven passes, infra/k8s/validate-test.sh checks the Kubernetes manifests (no cluster needed; its first run
# installs its pinned npm packages).
set -euo pipefail

LW_NAME="test"
# shellcheck source=infra/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start="$SECONDS"
report_time() {
  local rc=$? elapsed=$((SECONDS - start))
  if ((rc == 0)); then
    lw_info "Tests passed; elapsed time $((elapsed / 60)) min $((elapsed % 60)) s."
  else
    lw_info "Tests FAILED (exit code $rc); elapsed time $((elapsed / 60)) min $((elapsed % 60)) s."
  fi
}
trap report_time EXIT

lw_require_java
[[ -x "$LW_REPO/mvnw" ]] || lw_die "missing Maven wrapper $LW_REPO/mvnw."

"$LW_REPO/infra/local/postgres.sh" --no-databases

# statement-service's PublicPageBrowserTest drives Debian's chromium headless; without it the test is skipped.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  lw_info "Installing chromium for the public page's browser test"
  sudo_cmd=""; ((EUID == 0)) || sudo_cmd="sudo"
  { $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
    >/dev/null || lw_die "could not install chromium (apt-get install -y chromium)."
fi

cd "$LW_REPO"
lw_info "Running: ./mvnw -B verify${*:+ $*}"
./mvnw -B verify "$@"

lw_info "Running: infra/k8s/validate-test.sh"
"$LW_REPO/infra/k8s/validate-test.sh"
