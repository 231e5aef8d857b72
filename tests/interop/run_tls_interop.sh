#!/usr/bin/env bash
# Proves that the OFFICIAL OpenClaw CLI (npm openclaw@2026.9.6) reaches our gateway over TLS and
# pins its certificate the way upstream documents it.
#
# usage: run_tls_interop.sh <path-to-openclaw-binary>
#
# Starts our gateway with gateway.tls.enabled (a self-signed certificate it generates in its
# state dir), then runs the upstream CLI against wss://:
#   local config with gateway.tls.enabled + certPath      pins the local certificate, exit 0
#   remote mode with gateway.remote.tlsFingerprint         exit 0
#   remote mode with a wrong tlsFingerprint                exit != 0
#   --url wss:// without any pin                           exit != 0 (self-signed, untrusted)
# and stops the gateway with SIGTERM, expecting exit 0.
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

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-tls-interop.XXXXXX")"
trap 'interop_cleanup $? "${work}" "${gateway_pid}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

token="interop-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p "${work}/gateway-home" "${work}/state" "${work}/cli-home/.openclaw" "${work}/cli-tmp"
cat >"${work}/state/openclaw.json" <<EOF
{ "logging": { "file": "${work}/gateway.log" }, "gateway": { "tls": { "enabled": true } } }
EOF

start_gateway "${work}" "${work}/gateway-home" "${work}/state" "${token}"
[[ "${url}" == wss://* ]] || fail "the gateway did not listen on wss:// (${url})"
port="${url##*:}"
certificate="${work}/state/gateway/tls/gateway-cert.pem"
[[ -f "${certificate}" ]] || fail "no generated certificate at ${certificate}"
fingerprint="$(openssl x509 -in "${certificate}" -noout -fingerprint -sha256 | sed 's/.*=//')"
echo "certificate fingerprint ${fingerprint}"
if grep -qi "${fingerprint//:/}" "${work}/gateway.out"; then
  pass "the startup log prints the certificate's SHA-256 fingerprint"
else
  check_failed "the startup log does not print the fingerprint ${fingerprint}"
fi

# The CLI's own config in its fresh HOME.
# usage: cli_config <json for the gateway block>
cli_config() {
  cat >"${work}/cli-home/.openclaw/openclaw.json" <<EOF
{ "logging": { "file": "${work}/cli.log" }, "gateway": $1 }
EOF
}

step "local gateway with TLS: the CLI pins the certificate named by gateway.tls.certPath"
cli_config "{ \"port\": ${port}, \"tls\": { \"enabled\": true, \"certPath\": \"${certificate}\" } }"
run_cli localpin OPENCLAW_GATEWAY_TOKEN="${token}" -- gateway call health --json
if expect_exit_zero localpin "gateway call health over wss:// with the local pin"; then
  json_check localpin "health payload has ok == true" 'v !== null && v.ok === true'
fi

step "remote mode with gateway.remote.tlsFingerprint"
cli_config "{ \"mode\": \"remote\", \"remote\": { \"url\": \"${url}\", \"token\": \"${token}\",
  \"tlsFingerprint\": \"${fingerprint}\" } }"
run_cli remotepin -- gateway call status --json
if expect_exit_zero remotepin "gateway call status with the remote pin"; then
  json_check remotepin "status payload has a string runtimeVersion" \
    'typeof v.runtimeVersion === "string" && v.runtimeVersion.length > 0'
fi

step "remote mode with a wrong gateway.remote.tlsFingerprint"
wrong="$(printf '%064d' 0)"
cli_config "{ \"mode\": \"remote\", \"remote\": { \"url\": \"${url}\", \"token\": \"${token}\",
  \"tlsFingerprint\": \"${wrong}\" } }"
run_cli wrongpin -- gateway call health --json
if ((cli_rc != 0)); then
  pass "a wrong pin is refused (exit ${cli_rc})"
else
  check_failed "gateway call with a wrong pin exited 0"
  show_output wrongpin
fi

step "--url wss:// without a pin: a self-signed certificate is not trusted"
cli_config "{}"
run_cli nopin -- gateway call health --url "${url}" --token "${token}" --json
if ((cli_rc != 0)); then
  pass "an unpinned self-signed certificate is refused (exit ${cli_rc})"
else
  check_failed "gateway call without a pin exited 0 against a self-signed certificate"
  show_output nopin
fi

step "plain ws:// to the TLS port"
run_cli plain -- gateway call health --url "ws://127.0.0.1:${port}" --token "${token}" --json
if ((cli_rc != 0)); then
  pass "plain ws:// to the TLS port fails (exit ${cli_rc})"
else
  check_failed "plain ws:// to the TLS port exited 0"
  show_output plain
fi

step "the gateway still serves after the refused connections"
cli_config "{ \"mode\": \"remote\", \"remote\": { \"url\": \"${url}\", \"token\": \"${token}\",
  \"tlsFingerprint\": \"${fingerprint}\" } }"
run_cli after -- gateway call health --json
expect_exit_zero after "gateway call health after the refusals" || true

step "stop the gateway with SIGTERM"
stop_gateway_expecting_zero

step "result"
echo "tls-interop: ${passed} passed, ${failed} failed"
((failed == 0))
