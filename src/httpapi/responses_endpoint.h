#pragma once

#include "httpapi/http_gate.h"
#include "rpc/gateway_runtime.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"

namespace openclaw::httpapi {

// POST /v1/responses, the OpenResponses API, as upstream serves it: 404 while
// gateway.http.endpoints.responses.enabled is off (read at every request, so reloads apply
// live); the gate (503/403/429/401) and operator.write (operator.admin for x-openclaw-model
// unless the caller proved the shared secret); the body (up to 20 MiB) parsed off the event loop
// and validated (responses_request.h, 400 invalid_request_error); the agent and session routed
// as for chat completions (`user` gives a stable "openresponses-user:<user>" session), or the
// session of `previous_response_id` when that response came from the same caller, agent and
// x-openclaw-session-key (responses_sessions.h); then one ordinary agent turn (agent_turn.h)
// answered as a response object, or with `stream: true` as typed SSE events
// (responses_events.h). A failed run is a `status: "failed"` response (5xx, or a
// response.failed event once streaming); a client that disconnects aborts the run.
// `gate`, `runtime` and `runs` must outlive the router.
void addResponsesRoutes(rpc::HttpRouter& router, const HttpGate& gate, rpc::GatewayRuntime& runtime,
                        runs::RunManager& runs);

}  // namespace openclaw::httpapi
