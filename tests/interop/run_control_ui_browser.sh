#!/usr/bin/env bash
# The official Control UI, served by our gateway, in a real browser (Debian's chromium driven by
# puppeteer-core): connect with #token=, chat with the scripted model, then the sessions,
# devices, channels, logs and config views (tests/interop/control_ui_browser.mjs says what each
# view must show).
#
# usage: run_control_ui_browser.sh <openclaw-binary> <openclaw_scripted_provider> [screens-dir]
#
# The UI is installed into the test's state dir by scripts/install-control-ui.sh (the script users
# run; its npm tarball is cached in the interop dir). An IRC server (Debian's ngircd) gives the
# channels view a linked IRC channel. Screenshots of every view go to [screens-dir] (default
# <interop dir>/control-ui-screens).
#
# Exit codes: 0 all passed, 1 a failure, 2 usage, 77 skipped (npm unreachable).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

if [[ $# -lt 2 || ! -x "${2:-}" ]]; then
  echo "usage: $0 <openclaw-binary> <openclaw_scripted_provider> [screens-dir]" >&2
  exit 2
fi
parse_binary_arg "$1"
provider_binary="$2"
repo_root="$(cd "${script_dir}/../.." && pwd)"

step "install the official client and puppeteer-core (cached)"
interop_install
screens_dir="${3:-${OPENCLAW_INTEROP_DIR}/control-ui-screens}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "${chromium}" ]] || fail "no chromium at ${chromium}: run scripts/setup-deps.sh --test"

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-control-ui.XXXXXX")"
ircd_pid=""
trap 'interop_cleanup $? "${work}" "${gateway_pid}" "${provider_pid}" "${ircd_pid}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "${work}/home" "${work}/state"

step "install the Control UI into the state dir (scripts/install-control-ui.sh)"
install_rc=0
OPENCLAW_CACHE_DIR="${OPENCLAW_INTEROP_DIR}/control-ui-cache" \
  PATH="$(dirname "${node}"):${PATH}" \
  "${repo_root}/scripts/install-control-ui.sh" --dest "${work}/state/control-ui" || install_rc=$?
((install_rc == 0)) || exit "${install_rc}"

free_port() {
  "${node}" -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
    console.log(s.address().port); s.close(); });'
}

step "start an IRC server (ngircd) for the channels view"
ircd_port="$(free_port)"
cat >"${work}/ngircd.conf" <<EOF
[Global]
  Name = irc.test.local
  Info = OpenClaw Control UI test
  Listen = 127.0.0.1
  Ports = ${ircd_port}
  PidFile = ${work}/ngircd.pid
  ServerUID = $(id -u)
  ServerGID = $(id -g)
[Options]
  PAM = no
  DNS = no
  Ident = no
EOF
/usr/sbin/ngircd -n -f "${work}/ngircd.conf" >"${work}/ngircd.out" 2>&1 &
ircd_pid=$!

chat_message="Which colour is the sky on Mars?"
chat_reply="Butterscotch by day, blue at sunset."
printf '[{"text": ["Butterscotch ", "by day, ", "blue at sunset."]}]\n' >"${work}/script.json"
start_scripted_provider "${provider_binary}" "${work}"

token="ui-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
config="${work}/state/openclaw.json"
cat >"${config}" <<EOF
{
  "logging": { "file": "${work}/gateway.log", "level": "info" },
  "agents": { "defaults": { "model": "scripted/test" } },
  "models": { "providers": { "scripted": {
    "baseUrl": "http://127.0.0.1:${provider_port}/v1", "api": "openai-completions" } } },
  "channels": { "irc": { "host": "127.0.0.1", "port": ${ircd_port}, "tls": false,
                         "nick": "clawbot", "channels": ["#openclaw"] } }
}
EOF
start_gateway "${work}" "${work}/home" "${work}/state" "${token}"
ui_url="http://${url#ws://}/"

cat >"${work}/spec.json" <<EOF
{
  "chatMessage": "${chat_message}",
  "chatReply": "${chat_reply}",
  "sessionKey": "agent:main:main",
  "channelLabel": "IRC",
  "logText": "listening on ws://",
  "configPath": "${config}",
  "logFile": "${work}/gateway.log"
}
EOF

step "drive the Control UI at ${ui_url} in ${chromium}"
CHROMIUM="${chromium}" "${node}" "${interop_dir}/control_ui_browser.mjs" "${ui_url}" "${token}" \
  "${screens_dir}" "${work}/spec.json" || fail "a Control UI view failed (screenshots: ${screens_dir})"
echo "screenshots: ${screens_dir}"
