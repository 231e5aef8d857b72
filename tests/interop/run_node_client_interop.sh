#!/usr/bin/env bash
# Proves that the third-party client npm openclaw-node (0.14.0) works against our gateway: device
# pairing with its own identity file, and chat() streaming an agent turn, tool call included.
#
# usage: run_node_client_interop.sh <path-to-openclaw-binary> <path-to-openclaw_scripted_provider>
#
# Starts the scripted model server (OpenAI streaming format) with three replies, our gateway
# configured to use it, then runs tests/interop/node_client.mjs twice:
#   1. chat("say hello"): the client connects with the shared token and a fresh device identity;
#      hello-ok must carry a deviceToken (loopback pairing), and the streamed text chunks must
#      add up to the scripted reply.
#   2. chat("write a note"): the client reconnects with the device token it stored; the model
#      calls the `write` tool, so the stream must show tool_use and tool_result chunks and then
#      the model's closing text; the file must exist in the agent workspace, and the model server
#      must have been sent the tool result.
#
# Exit codes: 0 all passed, 1 a failure, 2 usage, 77 skipped (npm unreachable).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

if [[ $# -ne 2 || ! -x "${2:-}" ]]; then
  echo "usage: $0 <path-to-openclaw-binary> <path-to-openclaw_scripted_provider>" >&2
  exit 2
fi
parse_binary_arg "$1"
provider_binary="$2"

step "install openclaw-node (cached)"
interop_install

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-node-client-interop.XXXXXX")"
trap 'interop_cleanup $? "${work}" "${gateway_pid}" "${provider_pid}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat >"${work}/script.json" <<'EOF'
[
  {"text": ["Hello ", "from the ", "scripted model."]},
  {"toolCalls": [{"id": "call_1", "name": "write",
                  "arguments": ["{\"path\":\"note.txt\",", "\"content\":\"written by the agent\"}"]}]},
  {"text": ["The note ", "is written."]}
]
EOF
start_scripted_provider "${provider_binary}" "${work}"

token="interop-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p "${work}/home" "${work}/state"
cat >"${work}/state/openclaw.json" <<EOF
{
  "logging": { "file": "${work}/gateway.log" },
  "agents": { "defaults": { "model": "scripted/test" } },
  "models": { "providers": { "scripted": {
    "baseUrl": "http://127.0.0.1:${provider_port}/v1", "api": "openai-completions" } } },
  "tools": { "allow": ["read", "write", "edit"] }
}
EOF
start_gateway "${work}" "${work}/home" "${work}/state" "${token}"

# usage: chat <name> <message>; the client's JSON line goes to ${work}/<name>.json
chat() {
  step "openclaw-node chat(\"$2\")"
  HOME="${work}/home" "${node}" "${interop_dir}/node_client.mjs" "${url}" "${token}" \
    "${work}/device-identity.json" --chat "$2" >"${work}/$1.json" 2>"${work}/$1.err" ||
    fail "node_client.mjs failed: $(tail -n 3 "${work}/$1.err")"
  cat "${work}/$1.json"
}
# usage: query <name> <node expression over `r`, the client's JSON>
query() {
  "${node}" -e "const r = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
                console.log(${2})" "${work}/$1.json"
}

chat first "say hello"
[[ "$(query first 'typeof r.auth.deviceToken')" == "string" ]] ||
  fail "hello-ok.auth carries no deviceToken for a loopback device"
text="$(query first "r.chunks.filter(c => c.type === 'text').map(c => c.text).join('')")"
[[ "${text}" == "Hello from the scripted model." ]] || fail "streamed text was '${text}'"
[[ "$(query first "r.chunks.some(c => c.type === 'error')")" == "false" ]] ||
  fail "the stream reported an error"
echo "PASS: paired on loopback and streamed '${text}'"

grep -q '"deviceToken"' "${work}/device-identity.json" ||
  fail "openclaw-node did not store the device token"
chat second "write a note"
[[ "$(query second "r.chunks.filter(c => c.type === 'tool_use').map(c => c.text).join(',')")" == "write" ]] ||
  fail "no tool_use chunk for write"
[[ "$(query second "r.chunks.filter(c => c.type === 'tool_result').length")" == "1" ]] ||
  fail "no tool_result chunk"
text="$(query second "r.chunks.filter(c => c.type === 'text').map(c => c.text).join('')")"
[[ "${text}" == "The note is written." ]] || fail "closing text was '${text}'"
[[ "$(cat "${work}/state/workspace/note.txt")" == "written by the agent" ]] ||
  fail "the write tool did not write workspace/note.txt"
echo "PASS: reconnected with the stored device token; tool call streamed and the file written"

step "the model server saw the tool result"
stop_process "${provider_pid}"
"${node}" -e "
  const requests = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
  if (requests.length !== 3) throw new Error('expected 3 model requests, got ' + requests.length);
  const tool = requests[2].body.messages.find((m) => m.role === 'tool');
  if (!tool || tool.tool_call_id !== 'call_1') throw new Error('no tool result for call_1');
  console.log('PASS: tool result sent back: ' + JSON.stringify(tool.content).slice(0, 80));
" "${work}/requests.json" || fail "model requests: see above"
