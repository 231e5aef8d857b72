#pragma once

#include "httpapi/http_gate.h"
#include "rpc/gateway_runtime.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"

namespace openclaw::httpapi {

// The OpenAI-compatible APIs on the gateway port, each answering 404 while its
// gateway.http.endpoints switch is off (read at every request, so reloads apply live):
//  - GET /v1/models and GET /v1/models/{id}: the agent-first model ids (openai_agent_target.h);
//    served while chatCompletions or responses is enabled; operator.read.
//  - POST /v1/chat/completions (chatCompletions.enabled): one agent turn per request, answered
//    as a chat.completion object or streamed as chat.completion.chunk events
//    (chat_completions.h); operator.write; bodies up to 20 MiB.
// `gate`, `runtime` and `runs` must outlive the router.
void addOpenAiRoutes(rpc::HttpRouter& router, const HttpGate& gate, rpc::GatewayRuntime& runtime,
                     runs::RunManager& runs);

}  // namespace openclaw::httpapi
