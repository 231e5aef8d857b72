#!/usr/bin/env bash
# The official terminal UI (`openclaw tui` from npm openclaw) chats through our gateway: it runs
# in a tmux pane, a message is typed into it, and the scripted model's reply must appear on
# screen. Then the official CLI's `models list` and `cron list` must answer from our gateway.
#
# usage: run_tui_interop.sh <openclaw-binary> <openclaw_scripted_provider>
#
# Exit codes: 0 all passed, 1 a failure, 2 usage, 77 skipped (npm unreachable).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

readonly SCREEN_DEADLINE_S=60

if [[ $# -ne 2 || ! -x "${2:-}" ]]; then
  echo "usage: $0 <openclaw-binary> <openclaw_scripted_provider>" >&2
  exit 2
fi
parse_binary_arg "$1"
provider_binary="$2"
command -v tmux >/dev/null || fail "tmux is not installed: run scripts/setup-deps.sh --test"

step "install the official client (cached)"
interop_install
cli="${OPENCLAW_INTEROP_DIR}/node_modules/openclaw/openclaw.mjs"

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-tui-interop.XXXXXX")"
# A private tmux server (its own socket), so the test never touches a user's sessions.
tmux_socket="${work}/tmux.sock"
tui() { tmux -S "${tmux_socket}" "$@"; }
stop_tmux() { tui kill-server 2>/dev/null || true; }
trap 'stop_tmux; interop_cleanup $? "${work}" "${gateway_pid}" "${provider_pid}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "${work}/home" "${work}/state"

printf '[{"text": ["Terminal ", "hello ", "from the scripted model."]}]\n' >"${work}/script.json"
start_scripted_provider "${provider_binary}" "${work}"

token="tui-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
cat >"${work}/state/openclaw.json" <<EOF
{
  "logging": { "file": "${work}/gateway.log" },
  "agents": { "defaults": { "model": "scripted/test" } },
  "models": { "providers": { "scripted": {
    "baseUrl": "http://127.0.0.1:${provider_port}/v1", "api": "openai-completions" } } }
}
EOF
start_gateway "${work}" "${work}/home" "${work}/state" "${token}"

# The pane's text, with the tmux history, into ${work}/screen.txt.
capture() { tui capture-pane -p -S - -t tui >"${work}/screen.txt" 2>/dev/null || true; }
# Waits until the pane shows <text>; fails with the screen after SCREEN_DEADLINE_S.
# usage: wait_for_screen <text> <what>
wait_for_screen() {
  local deadline=$((SECONDS + SCREEN_DEADLINE_S))
  until capture && grep -qF -- "$1" "${work}/screen.txt"; do
    if ((SECONDS >= deadline)); then
      printf -- '-- screen --\n'
      cat "${work}/screen.txt"
      fail "$2: \"$1\" not on screen within ${SCREEN_DEADLINE_S}s"
    fi
    sleep 0.2
  done
}

step "openclaw tui --url ${url} --token <token> (in tmux)"
tui new-session -d -s tui -x 140 -y 40 \
  "env HOME='${work}/home' OPENCLAW_STATE_DIR='${work}/home/.openclaw' '${node}' '${cli}' tui \
     --url '${url}' --token '${token}' 2>'${work}/tui.err'; sleep 600"
wait_for_screen "session main" "the TUI header"
wait_for_screen "idle" "the TUI connected and idle"
if grep -qiE "unknown method|failed|not connected" "${work}/screen.txt"; then
  cat "${work}/screen.txt"
  fail "the TUI reported an error after connecting"
fi

step "type a message into the TUI"
tui send-keys -t tui -l "Say hello from the terminal"
tui send-keys -t tui Enter
wait_for_screen "Terminal hello from the scripted model." "the scripted model's reply"
if grep -qiE "unknown method|not connected" "${work}/screen.txt"; then
  cat "${work}/screen.txt"
  fail "the TUI reported an error during the chat"
fi
[[ -s "${work}/requests.json" ]] || fail "the scripted model received no request"

# usage: cli_json <name> <cli args...>: runs the official CLI, its JSON output in ${work}/<name>.json
cli_json() {
  local name="$1"
  shift
  step "openclaw $*"
  # The port too: without it the CLI may read a local catalog instead of asking the gateway.
  env HOME="${work}/home" OPENCLAW_GATEWAY_URL="${url}" OPENCLAW_GATEWAY_TOKEN="${token}" \
    OPENCLAW_GATEWAY_PORT="${url##*:}" \
    "${node}" "${cli}" "$@" --json >"${work}/${name}.json" 2>"${work}/${name}.err" ||
    fail "openclaw $* exited non-zero: $(tail -n 5 "${work}/${name}.err")"
  if grep -qi "not running" "${work}/${name}.err"; then
    fail "openclaw $* did not ask the gateway: $(head -n 3 "${work}/${name}.err")"
  fi
  cat "${work}/${name}.json"
}
cli_json models models list
# The rows must come from our gateway's models.list: the configured model, keyed provider/model.
"${node}" -e '
  const out = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const rows = Array.isArray(out) ? out : out.models ?? out.rows ?? [];
  if (!rows.some((row) => row.key === "scripted/test")) process.exit(1);' "${work}/models.json" ||
  fail "models list does not show the configured model scripted/test"
cli_json cron cron list

step "result"
echo "PASS: the official TUI chatted through our gateway; models list and cron list answered"
