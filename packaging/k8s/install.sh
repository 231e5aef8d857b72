#!/usr/bin/env bash
# Installs the Kubernetes manifest validator's npm packages into DIR (cached: a stamp file records
# the specs, so a second run needs no network): kubernetes-models (every built-in kind with a
# validator generated from the Kubernetes OpenAPI schema) and yaml (the parser).
# Exit 0 installed, 77 when npm or the registry is unavailable (said loudly), else a failure.
#
# usage: packaging/k8s/install.sh DIR
set -euo pipefail

readonly SPECS=(kubernetes-models@5.1.0 yaml@2.9.1)
dir=${1:?usage: $0 DIR}
stamp=$dir/.k8s-validator-stamp

skip() {
  printf '\n##########################################################################\n' >&2
  printf '##  SKIPPED (NOT RUN, NOT PASSED): %s\n' "$*" >&2
  printf '##########################################################################\n\n' >&2
  exit 77
}

if [[ -f $stamp && $(cat "$stamp") == "${SPECS[*]}" && -d $dir/node_modules/kubernetes-models ]]; then
  exit 0
fi
command -v npm >/dev/null || skip "npm is not installed, the Kubernetes manifests were not validated"
command -v node >/dev/null || skip "node is not installed, the Kubernetes manifests were not validated"
mkdir -p "$dir"
rm -f "$stamp"
timeout 60 npm view --silent kubernetes-models@5.1.0 version >/dev/null 2>&1 ||
  skip "the npm registry is unreachable, the Kubernetes manifests were not validated"
[[ -f $dir/package.json ]] || echo '{"private": true}' >"$dir/package.json"
(cd "$dir" && timeout 600 npm install --no-audit --no-fund --silent "${SPECS[@]}")
echo "${SPECS[*]}" >"$stamp"
