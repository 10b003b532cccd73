#!/usr/bin/env bash
# Proves infra/k8s/validate.sh both ways: every real overlay must pass, and copies of the manifests with one
# misspelled field must fail, naming the object and the field.
#   infra/k8s/validate-test.sh
# Run by infra/local/test.sh (and so by CI) after the Maven build.
set -euo pipefail

K8S_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VALIDATE="$K8S_DIR/validate.sh"
start=$SECONDS
passed=0 failed=0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pass() {
  echo "k8s: PASS $*"
  passed=$((passed + 1))
}
fail() {
  echo "k8s: FAIL $*"
  failed=$((failed + 1))
}

# 1. The real overlays are valid.
overlays=("$K8S_DIR"/overlays/*/)
if "$VALIDATE" >"$work/real.out" 2>&1; then
  cat "$work/real.out"
  pass "the ${#overlays[@]} real overlays are valid"
  valid_overlays=${#overlays[@]}
else
  cat "$work/real.out"
  fail "the real overlays should be valid"
  valid_overlays=0
fi

# 2. Broken copies: a copy of base/ and overlays/ with one field misspelled must be rejected, and the message must
#    name the object and the misspelled field.
rejected=0
broken_copy() {
  local name="$1" file="$2" from="$3" to="$4" overlay="$5" object="$6"
  local copy="$work/$name"
  mkdir -p "$copy"
  cp -R "$K8S_DIR/base" "$K8S_DIR/overlays" "$copy/"
  if ! grep -q "$from" "$copy/$file"; then
    fail "$name: '$from' is no longer in $file; the test needs a new field to misspell"
    return
  fi
  # Only the first occurrence: one object broken, the others intact.
  sed -i "0,/$from/s//$to/" "$copy/$file"
  if "$VALIDATE" "$copy/overlays/$overlay" >"$work/$name.out" 2>&1; then
    cat "$work/$name.out"
    fail "$name: a copy with '$to' in $file passed validation"
  elif grep -q "$object: .*${to%:}" "$work/$name.out"; then
    grep "$object: .*${to%:}" "$work/$name.out" | sed 's/^/k8s:   rejected as expected: /'
    pass "$name: the misspelled field was rejected ($object)"
    rejected=$((rejected + 1))
  else
    cat "$work/$name.out"
    fail "$name: validation failed, but no message names $object and '${to%:}'"
  fi
}

broken_copy deployment-typo base/intake-service/deployment.yaml "readinessProbe:" "readinesProbe:" dev \
  "Deployment/intake-service"
broken_copy kafkatopic-typo base/kafka/topics.yaml "partitions:" "partitons:" prod \
  "KafkaTopic/leakwatch.incident-events"

echo "k8s: validation tests took $((SECONDS - start)) s"
echo "k8s: $valid_overlays overlays valid, $rejected broken copies rejected"
echo "k8s: $passed passed, $failed failed"
((failed == 0))
