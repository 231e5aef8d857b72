#!/usr/bin/env bash
# Canvas live reload in a real browser (Debian's chromium driven by puppeteer-core): a page
# served by the canvas host, on the canvas port and on the gateway port, reloads by itself when
# its file changes (tests/interop/canvas_browser.mjs).
#
# usage: run_canvas_browser.sh <openclaw-binary>
#
# Exit codes: 0 passed, 1 a failure, 2 usage, 77 skipped (npm unreachable).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

parse_binary_arg "$@"

step "install puppeteer-core (cached)"
interop_install
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "${chromium}" ]] || fail "no chromium at ${chromium}: run scripts/setup-deps.sh --test"

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-canvas.XXXXXX")"
trap 'interop_cleanup $? "${work}" "${gateway_pid}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "${work}/home" "${work}/state" "${work}/canvas"

# Loopback without auth: a browser navigation carries no bearer token (capability URLs are
# covered by the e2e tests).
cat >"${work}/state/openclaw.json" <<JSON
{
  "logging": { "file": "${work}/gateway.log", "level": "debug" },
  "canvasHost": { "root": "${work}/canvas" }
}
JSON
start_gateway "${work}" "${work}/home" "${work}/state" ""
canvas_port="$(sed -n 's|.*canvas host on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' \
  "${work}/gateway.out" | head -n 1)"
[[ -n "${canvas_port}" ]] || fail "no 'canvas host on http://127.0.0.1:<port>' line"
gateway_port="${url##*:}"

step "reload pages in ${chromium} (canvas port ${canvas_port}, gateway port ${gateway_port})"
CHROMIUM="${chromium}" "${node}" "${interop_dir}/canvas_browser.mjs" "${work}/canvas" \
  "${canvas_port}" "${gateway_port}" || fail "a page did not reload when its file changed"
