#!/usr/bin/env bash
# The cross-built arm64 gateway itself, run under user-mode QEMU (qemu-aarch64-static):
#   openclaw --version                                   exit 0, prints the version
#   openclaw gateway --port 0 --token T (under qemu)     listening, GET /healthz answers 200
#   native `openclaw gateway call health` against it     exit 0, payload ok == true (one RPC)
# The native (x86-64) binary is the client: QEMU without binfmt_misc cannot run an arm64
# program that an arm64 program starts, so the client cannot be the arm64 binary too.
# Exits 77 (skipped, loudly) when qemu-aarch64-static cannot run an arm64 program here.
#
# usage: tests/arm64/smoke.sh <arm64 openclaw> <native openclaw>
set -euo pipefail
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../interop/lib.sh
source "${script_dir}/../interop/lib.sh"

if [[ $# -ne 2 || ! -f "$1" ]]; then
  echo "usage: $0 <arm64 openclaw> <native openclaw>" >&2
  exit 2
fi
arm64_binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
native_binary="$2"
if [[ ! -x "${native_binary}" ]]; then
  echo "SKIPPED: no native client ${native_binary} (scripts/build-release.sh builds it)"
  exit 77
fi
if ! qemu="$(command -v qemu-aarch64-static)"; then
  echo "SKIPPED: qemu-aarch64-static is not installed (scripts/setup-deps.sh --arm64)"
  exit 77
fi
readelf -h "${arm64_binary}" | grep -q 'Machine: *AArch64' || fail "${arm64_binary} is not an arm64 ELF"

work="$(mktemp -d)"
trap 'interop_cleanup $? "${work}" "${gateway_pid}"' EXIT

# The arm64 dynamic loader (libc6:arm64, from multiarch) is itself a runnable arm64 program:
# when QEMU cannot run it, no arm64 program runs here, whatever the build did.
if ! "${qemu}" /lib/ld-linux-aarch64.so.1 --version >/dev/null 2>&1; then
  echo "SKIPPED: qemu-aarch64-static cannot run arm64 programs on this machine"
  exit 77
fi

step "qemu-aarch64-static openclaw --version"
version="$("${qemu}" "${arm64_binary}" --version 2>&1)" ||
  fail "openclaw --version failed under qemu: ${version}"
echo "${version}"
[[ "${version}" == *2026.* ]] || fail "--version printed no version"

# lib.sh starts "${binary}"; this wrapper runs the arm64 binary through QEMU in the same process.
binary="${work}/openclaw-under-qemu"
printf '#!/bin/sh\nexec %q %q "$@"\n' "${qemu}" "${arm64_binary}" >"${binary}"
chmod +x "${binary}"
token="arm64-smoke-token-0123456789"
mkdir -p "${work}/home" "${work}/state"
start_gateway "${work}" "${work}/home" "${work}/state" "${token}"

step "GET /healthz"
port="${url##*:}"
status="$(curl -s -o "${work}/healthz.out" -w '%{http_code}' --max-time 30 \
  "http://127.0.0.1:${port}/healthz")" || fail "GET /healthz failed"
[[ "${status}" == 200 ]] || fail "GET /healthz answered ${status}: $(cat "${work}/healthz.out")"
echo "200 $(cat "${work}/healthz.out")"

step "native openclaw gateway call health against the arm64 gateway"
mkdir -p "${work}/cli-home"
health="$(env -u OPENCLAW_GATEWAY_TOKEN -u OPENCLAW_STATE_DIR -u OPENCLAW_CONFIG_PATH \
  HOME="${work}/cli-home" timeout 60 "${native_binary}" gateway call health --url "${url}" \
  --token "${token}" --json)" || fail "gateway call health failed: ${health}"
echo "${health}" | head -c 400
echo
grep -Eq '"ok": *true' <<<"${health}" || fail "health payload has no \"ok\": true"
echo
echo "PASS: the arm64 gateway under qemu answered /healthz and a health RPC"
