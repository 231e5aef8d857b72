#!/usr/bin/env bash
# The official `openai` npm SDK talks to our gateway's HTTP APIs as it would to OpenAI: it lists
# the agent models, creates chat completions with and without streaming, runs a client tool-call
# round trip, and creates responses with and without streaming plus a previous_response_id
# follow-up. The model behind the agent is the scripted model server; what it was sent is checked
# afterwards (the follow-ups must carry the earlier turns).
#
# usage: run_openai_sdk_interop.sh <openclaw-binary> <openclaw_scripted_provider>
#
# Exit codes: 0 all passed, 1 a failure, 2 usage, 77 skipped (npm unreachable).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

if [[ $# -ne 2 || ! -x "${2:-}" ]]; then
  echo "usage: $0 <openclaw-binary> <openclaw_scripted_provider>" >&2
  exit 2
fi
parse_binary_arg "$1"
provider_binary="$2"

step "install the official client (cached)"
interop_install

work="$(mktemp -d "${TMPDIR:-/tmp}/openclaw-openai-sdk.XXXXXX")"
trap 'interop_cleanup $? "${work}" "${gateway_pid}" "${provider_pid}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "${work}/home" "${work}/state"

# One reply per model call, in the order openai_sdk.mjs makes them.
cat >"${work}/script.json" <<'JSON'
[
  {"text": ["Hello ", "from the ", "scripted model."]},
  {"text": ["Streamed ", "through ", "the gateway."]},
  {"toolCalls": [{"id": "call_weather_1", "name": "get_weather",
                  "arguments": ["{\"city\":", "\"Paris\"}"]}]},
  {"text": ["It is sunny in Paris."]},
  {"text": ["Responses ", "say hello."]},
  {"text": ["Responses ", "stream ", "too."]},
  {"text": ["You said your name is Ada."]}
]
JSON
start_scripted_provider "${provider_binary}" "${work}"

token="sdk-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
cat >"${work}/state/openclaw.json" <<EOF
{
  "logging": { "file": "${work}/gateway.log" },
  "gateway": { "http": { "endpoints": {
    "chatCompletions": { "enabled": true }, "responses": { "enabled": true } } } },
  "agents": { "defaults": { "model": "scripted/test" } },
  "models": { "providers": { "scripted": {
    "baseUrl": "http://127.0.0.1:${provider_port}/v1", "api": "openai-completions" } } }
}
EOF
start_gateway "${work}" "${work}/home" "${work}/state" "${token}"

step "drive the gateway with the openai SDK"
"${node}" "${interop_dir}/openai_sdk.mjs" "http://${url#ws://}/v1" "${token}" ||
  fail "an OpenAI SDK call failed"

step "check what the model server was sent"
stop_process "${provider_pid}"
provider_pid=""
"${node}" -e '
  const requests = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const text = (r) => JSON.stringify(r.body.messages ?? r.body);
  const fail = (m) => { console.error("FAIL: " + m); process.exit(1); };
  if (requests.length !== 7) fail(`expected 7 model calls, got ${requests.length}`);
  const toolNames = (requests[2].body.tools ?? []).map((t) => t.function?.name);
  if (!toolNames.includes("get_weather")) fail("the client tool was not offered to the model: " + toolNames);
  if (!text(requests[3]).includes("22 degrees and sunny")) fail("the tool result did not reach the model");
  if (!text(requests[6]).includes("My name is Ada")) fail("previous_response_id did not carry the first turn");
  console.log("the model saw the client tool, its result and the earlier turn");
' "${work}/requests.json" || fail "the model server was not sent what the SDK calls imply"
echo "PASS"
