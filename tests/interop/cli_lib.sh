# shellcheck shell=bash
# Shared by the scripts that drive the OFFICIAL CLI against our gateway (sourced after lib.sh):
# running the CLI in a clean environment, and checking its exit code and JSON output.
#
# Expects these globals of the sourcing script: work (temp dir), node and cli (set after
# interop_install), token (hidden from the printed command lines).
# shellcheck disable=SC2154  # work, node and cli are the sourcing script's

passed=0
failed=0
pass() {
  passed=$((passed + 1))
  printf 'PASS: %s\n' "$*"
}
check_failed() {
  failed=$((failed + 1))
  printf 'FAIL: %s\n' "$*"
}

readonly CLI_TIMEOUT_S=90

# Runs the upstream CLI with a fresh HOME and no inherited OpenClaw settings.
# usage: run_cli <name> [VAR=value...] -- <cli args...>; stdout/stderr go to ${work}/<name>.out/.err
# and the exit code to cli_rc.
cli_rc=0
run_cli() {
  local name="$1"
  shift
  local -a extra_env=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    extra_env+=("$1")
    shift
  done
  shift
  local shown="${extra_env[*]:+${extra_env[*]} }openclaw $*"
  printf '$ %s\n' "${shown//"${token}"/<token>}"
  cli_rc=0
  env -u OPENCLAW_GATEWAY_TOKEN -u OPENCLAW_GATEWAY_PASSWORD -u OPENCLAW_GATEWAY_URL \
    -u OPENCLAW_GATEWAY_PORT -u OPENCLAW_CONFIG_PATH -u OPENCLAW_PROFILE -u OPENCLAW_STATE_DIR \
    HOME="${work}/cli-home" TMPDIR="${work}/cli-tmp" NO_COLOR=1 "${extra_env[@]}" \
    timeout "${CLI_TIMEOUT_S}" "${node}" "${cli}" "$@" \
    >"${work}/${name}.out" 2>"${work}/${name}.err" </dev/null || cli_rc=$?
  echo "exit ${cli_rc}"
}

show_output() {
  local name="$1"
  echo "-- stdout (first 40 lines) --"
  head -n 40 "${work}/${name}.out" || true
  echo "-- stderr (first 20 lines) --"
  head -n 20 "${work}/${name}.err" || true
}

# Evaluates a JS boolean expression over the JSON parsed from ${work}/<name>.out (bound to `v`).
# usage: json_check <name> <description> <expression>
json_check() {
  local name="$1" description="$2" expression="$3"
  local reason
  # shellcheck disable=SC2016  # the single-quoted text is JavaScript, not shell
  if reason="$("${node}" -e '
    const fs = require("fs");
    const [file, expression] = process.argv.slice(1);
    let v;
    try { v = JSON.parse(fs.readFileSync(file, "utf8")); }
    catch (e) { console.log(`stdout is not JSON: ${e.message}`); process.exit(1); }
    let ok;
    try { ok = new Function("v", `return (${expression});`)(v); }
    catch (e) { console.log(`check threw: ${e.message}`); process.exit(1); }
    if (!ok) { console.log(`not true: ${expression}`); process.exit(1); }
  ' "${work}/${name}.out" "${expression}")"; then
    pass "${description}"
  else
    check_failed "${description}: ${reason}"
    show_output "${name}"
  fi
}

# usage: expect_exit_zero <name> <description>
expect_exit_zero() {
  if ((cli_rc == 0)); then
    pass "$2 exits 0"
    return 0
  fi
  check_failed "$2 exited ${cli_rc} (expected 0)"
  show_output "$1"
  return 1
}

# Sends SIGTERM to the gateway (gateway_pid) and checks that it exits 0 within STOP_DEADLINE_S.
stop_gateway_expecting_zero() {
  kill -TERM "${gateway_pid}"
  if ! wait_for_exit "${gateway_pid}"; then
    check_failed "the gateway did not exit within ${STOP_DEADLINE_S}s of SIGTERM"
    return
  fi
  local gateway_rc=0
  wait "${gateway_pid}" || gateway_rc=$?
  gateway_pid=""
  if ((gateway_rc == 0)); then
    pass "the gateway exits 0 on SIGTERM"
  else
    check_failed "the gateway exited ${gateway_rc} on SIGTERM (expected 0)"
  fi
}
