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

readonly CAPTURE_DEADLINE_S=90
readonly TICK_INTERVAL_MS=500

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

parse_binary_arg "$@"

step "install upstream packages (cached)"
interop_install

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-frame-capture.XXXXXX")"
capture_pid=""
trap 'interop_cleanup $? "${work}" "${capture_pid}" "${gateway_pid}"' EXIT
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

start_gateway "${work}" "${work}/home" "${work}/state" "${token}"

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
wait_for_exit "${gateway_pid}" || fail "the gateway did not exit within ${STOP_DEADLINE_S}s of SIGTERM"
gateway_rc=0
wait "${gateway_pid}" || gateway_rc=$?
gateway_pid=""
echo "gateway exited with ${gateway_rc}"

capture_rc=0
if ! wait_for_exit "${capture_pid}"; then
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
