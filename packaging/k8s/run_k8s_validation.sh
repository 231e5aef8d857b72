#!/usr/bin/env bash
# Validates deploy/k8s (CTest k8s.manifests, label packaging): the template instantiated for two
# tenants side by side must pass packaging/k8s/validate_manifests.mjs (Kubernetes schemas plus
# the cell rules), and each deliberately broken variant must fail with its own message, so the
# validator is shown to catch what it claims. Exit 77 (loudly) when npm cannot install it.
#
# usage: run_k8s_validation.sh WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
template=$here/../../deploy/k8s/openclaw-tenant.yaml
work=${1:?usage: $0 WORK_DIR}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

"$here/install.sh" "$work/validator"
cp "$here/validate_manifests.mjs" "$work/validator/"
validate() { (cd "$work/validator" && node validate_manifests.mjs "$@"); }
tenant() { sed "s/TENANT/$1/g" "$template"; }

tenant acme >"$work/acme.yaml"
tenant globex >"$work/globex.yaml"
validate "$work/acme.yaml" "$work/globex.yaml" || fail "deploy/k8s does not validate"

# expect_invalid NAME MESSAGE: the manifest on stdin must be refused, saying MESSAGE.
expect_invalid() {
  local file=$work/broken-$1.yaml output
  cat >"$file"
  output=$(validate "$file") && fail "broken manifest '$1' passed validation"
  grep -qF -- "$2" <<<"$output" || fail "broken manifest '$1' failed without '$2': $output"
  echo "refused as expected: $1"
}
tenant acme | sed 's/replicas: 1 /replicas: "one" /' | expect_invalid replicas-type "must be integer"
tenant acme | sed 's/containerPort: 18789/containerPort: 18789x/' |
  expect_invalid port-type "containerPort must be integer"
tenant acme | sed 's/^kind: StatefulSet/kind: StatefulSets/' |
  expect_invalid unknown-kind "unknown kind apps/v1 StatefulSets"
tenant acme | sed 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/' |
  expect_invalid writable-root "readOnlyRootFilesystem must be true"
tenant acme | sed 's#path: /healthz#path: /#' | expect_invalid liveness "liveness probe must GET /healthz"
tenant acme | sed '/enableServiceLinks/d' | expect_invalid service-links "enableServiceLinks must be false"
expect_invalid placeholder "must be a DNS label" <"$template"
cat "$work/acme.yaml" <(echo ---) "$work/acme.yaml" |
  expect_invalid same-tenant-twice "selects the pods of 2 StatefulSets"
echo "PASS"
