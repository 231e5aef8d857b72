#pragma once

#include "httpapi/http_gate.h"
#include "rpc/gateway_runtime.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"

namespace openclaw::httpapi {

// What POST /v1/chat/completions uses; all of it outlives the router.
struct ChatCompletionsServices {
  const HttpGate& gate;
  rpc::GatewayRuntime& runtime;
  runs::RunManager& runs;
};

// Answers one POST /v1/chat/completions as upstream does: the gate (503/403/429/401), the
// operator.write scope (operator.admin for x-openclaw-model unless the caller proved the shared
// secret), the body parsed off the event loop and validated (400), the agent and session routed
// (openai_agent_target.h), then one agent turn (agent_turn.h) answered as a chat.completion
// object or, with `stream: true`, as Server-Sent chat.completion.chunk events ending in
// `data: [DONE]`. A failed run is a 5xx in the OpenAI envelope, or an `error` event before
// [DONE] once streaming; a client that disconnects aborts the run.
void handleChatCompletion(ChatCompletionsServices& services, const rpc::HttpRequest& request,
                          rpc::HttpRouter::Respond respond);

}  // namespace openclaw::httpapi
