#!/usr/bin/env bash
# Proves that the OFFICIAL OpenClaw CLI (npm openclaw@2026.9.6) works against our gateway.
#
# usage: run_cli_interop.sh <path-to-openclaw-binary>
#
# Installs the upstream CLI (install.sh; cached), starts our gateway on a free loopback port with a
# random token, then runs the upstream CLI against it and checks each result:
#   gateway call health|status|system-presence --json   exit 0, payload shape
#   gateway call health with a wrong token                exit != 0, AUTH_TOKEN_MISMATCH
#   gateway call system-event --params {"text":...}       exit 0
#   health --json (via OPENCLAW_GATEWAY_URL/_TOKEN)        exit 0, ok == true
#   cron add|list|status|rm, cron add with a bad expression, system heartbeat last
#   channels status --probe --json (two IRC accounts), gateway call send to an unlinked account
# and finally stops the gateway with SIGTERM, expecting exit 0.
#
# Set OPENCLAW_INTEROP_KEEP=<dir> to keep the CLI outputs and gateway logs there.
# Exit codes: 0 all passed, 1 a failure, 2 usage, 77 skipped (upstream CLI cannot be installed).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"
# shellcheck source=cli_lib.sh
source "${script_dir}/cli_lib.sh"

parse_binary_arg "$@"

step "install the upstream CLI (cached)"
interop_install
cli="${OPENCLAW_INTEROP_DIR}/node_modules/openclaw/openclaw.mjs"
cli_version="$("${node}" -p 'require(process.argv[1]).version' \
  "${OPENCLAW_INTEROP_DIR}/node_modules/openclaw/package.json")"
echo "upstream CLI: openclaw ${cli_version} (${cli}), Node $("${node}" --version)"

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-cli-interop.XXXXXX")"
trap 'interop_cleanup $? "${work}" "${gateway_pid}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

token="interop-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
# Two IRC accounts pointed at port 1, where nothing listens: they stay unlinked, which is what
# the channels steps below show through the official CLI.
readonly closed_port=1
mkdir -p "${work}/gateway-home" "${work}/state" "${work}/cli-home/.openclaw" "${work}/cli-tmp"
# Keep every log inside the temp dir: ours via its config, the upstream CLI's via its own config
# in its fresh HOME (it only sets logging.file; the CLI is pointed at us with flags or env).
cat >"${work}/state/openclaw.json" <<EOF
{
  "logging": { "file": "${work}/gateway.log" },
  "channels": {
    "irc": {
      "host": "127.0.0.1", "port": ${closed_port}, "tls": false, "channels": ["#interop"],
      "defaultAccount": "main",
      "accounts": { "main": { "nick": "interop-main" }, "backup": { "nick": "interop-backup" } }
    }
  }
}
EOF
cat >"${work}/cli-home/.openclaw/openclaw.json" <<EOF
{ "logging": { "file": "${work}/cli.log" } }
EOF

start_gateway "${work}" "${work}/gateway-home" "${work}/state" "${token}"

step "openclaw gateway call health"
run_cli health -- gateway call health --url "${url}" --token "${token}" --json
if expect_exit_zero health "gateway call health"; then
  json_check health "health payload has ok == true" 'v !== null && v.ok === true'
fi

step "openclaw gateway call status"
run_cli status -- gateway call status --url "${url}" --token "${token}" --json
if expect_exit_zero status "gateway call status"; then
  json_check status "status payload has a string runtimeVersion" \
    'typeof v.runtimeVersion === "string" && v.runtimeVersion.length > 0'
  json_check status "status payload has a sessions.byAgent array" \
    'v.sessions !== null && typeof v.sessions === "object" && Array.isArray(v.sessions.byAgent)'
fi

step "openclaw gateway call system-presence"
run_cli presence -- gateway call system-presence --url "${url}" --token "${token}" --json
if expect_exit_zero presence "gateway call system-presence"; then
  json_check presence "system-presence payload is an array" 'Array.isArray(v)'
  json_check presence "system-presence has the gateway's own entry (mode gateway, reason self)" \
    'Array.isArray(v) && v.some((e) => e && e.mode === "gateway" && e.reason === "self")'
  # Upstream's presence rules: short-lived cli, backend and probe connections get no entry.
  json_check presence "system-presence has no entry for the CLI's own connection (mode cli)" \
    'Array.isArray(v) && !v.some((e) => e && e.mode === "cli")'
fi

step "openclaw gateway call health with a wrong token"
run_cli badtoken -- gateway call health --url "${url}" --token "${token}-wrong" --json
if ((cli_rc != 0)); then
  pass "gateway call with a wrong token exits non-zero (${cli_rc})"
  if grep -q 'AUTH_TOKEN_MISMATCH' "${work}/badtoken.out"; then
    pass "its --json output carries the AUTH_TOKEN_MISMATCH code"
  else
    check_failed "no AUTH_TOKEN_MISMATCH in the --json output of the wrong-token call"
    show_output badtoken
  fi
  json_check badtoken "its --json output is {ok:false, error.details.code AUTH_TOKEN_MISMATCH}" \
    'v.ok === false && v.error && v.error.details && v.error.details.code === "AUTH_TOKEN_MISMATCH"'
else
  check_failed "gateway call with a wrong token exited 0 (expected non-zero)"
  show_output badtoken
fi

step "openclaw gateway call system-event"
run_cli sysevent -- gateway call system-event --params '{"text":"interop"}' \
  --url "${url}" --token "${token}" --json
if expect_exit_zero sysevent "gateway call system-event"; then
  json_check sysevent "system-event payload has ok == true" 'v !== null && v.ok === true'
fi

step "openclaw health (top-level command, pointed at us by OPENCLAW_GATEWAY_URL/_TOKEN)"
run_cli tophealth OPENCLAW_GATEWAY_URL="${url}" OPENCLAW_GATEWAY_TOKEN="${token}" -- health --json
if expect_exit_zero tophealth "openclaw health --json"; then
  json_check tophealth "openclaw health --json reports ok == true" 'v !== null && v.ok === true'
fi

step "openclaw cron add|list|status|rm (scheduled jobs through the official CLI)"
run_cli cronadd -- cron add --name interop-job --every 10m --session isolated --message hi \
  --url "${url}" --token "${token}" --json
if expect_exit_zero cronadd "cron add"; then
  json_check cronadd "cron add answers the stored job (id, every 10m, isolated agent turn)" \
    'typeof v.id === "string" && v.schedule.kind === "every" && v.schedule.everyMs === 600000 &&
     v.sessionTarget === "isolated" && v.payload.kind === "agentTurn"'
  job_id="$("${node}" -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id' \
    "${work}/cronadd.out")"
  run_cli cronlist -- cron list --url "${url}" --token "${token}" --json
  if expect_exit_zero cronlist "cron list"; then
    json_check cronlist "cron list shows the job" \
      'Array.isArray(v.jobs) && v.jobs.some((j) => j.name === "interop-job")'
  fi
  run_cli cronstatus -- cron status --url "${url}" --token "${token}" --json
  if expect_exit_zero cronstatus "cron status"; then
    json_check cronstatus "cron status counts one job" 'v.enabled === true && v.jobs === 1'
  fi
  run_cli cronrm -- cron rm "${job_id}" --url "${url}" --token "${token}" --json
  expect_exit_zero cronrm "cron rm" || true
fi
run_cli cronbad -- cron add --name bad --cron "61 * * * *" --session isolated --message hi \
  --url "${url}" --token "${token}" --json
if ((cli_rc != 0)); then
  pass "cron add with an invalid expression exits non-zero (${cli_rc})"
else
  check_failed "cron add with an invalid expression exited 0"
  show_output cronbad
fi

step "openclaw system heartbeat last"
run_cli hblast -- system heartbeat last --url "${url}" --token "${token}" --json
expect_exit_zero hblast "system heartbeat last" || true

step "openclaw channels status --probe (two IRC accounts, neither linked)"
run_cli chstatus OPENCLAW_GATEWAY_URL="${url}" OPENCLAW_GATEWAY_TOKEN="${token}" -- \
  channels status --probe --json
if expect_exit_zero chstatus "channels status --probe --json"; then
  json_check chstatus "it lists both IRC accounts, main as the default, neither connected" \
    'v.channelDefaultAccountId.irc === "main" &&
     ["backup", "main"].every((id) => v.channelAccounts.irc.some(
       (a) => a.accountId === id && a.connected === false && a.running === true))'
  json_check chstatus "each account carries a failed probe with its error" \
    'v.channelAccounts.irc.every((a) => a.probe && a.probe.ok === false &&
       typeof a.probe.error === "string" && a.probe.error.length > 0)'
fi

step "openclaw gateway call send to an unlinked account (accountId backup)"
run_cli chsend -- gateway call send --url "${url}" --token "${token}" --json --params \
  '{"to":"#interop","message":"hi","channel":"irc","accountId":"backup","idempotencyKey":"interop-send-1"}'
if ((cli_rc != 0)); then
  json_check chsend "send to an unlinked account fails with NOT_LINKED, retryable" \
    'v.ok === false && v.error && v.error.code === "NOT_LINKED" && v.error.retryable === true'
else
  check_failed "send to an unlinked account exited 0 (expected non-zero)"
  show_output chsend
fi

step "stop the gateway with SIGTERM"
stop_gateway_expecting_zero

step "result"
echo "cli-interop: ${passed} passed, ${failed} failed"
((failed == 0))
