#pragma once

#include <cstddef>

#include "httpapi/http_gate.h"
#include "httpapi/tools_invoke_request.h"
#include "rpc/gateway_runtime.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"

namespace openclaw::httpapi {

// Upstream's body bound for POST /tools/invoke.
inline constexpr std::size_t kToolsInvokeBodyLimit = 2 * 1024 * 1024;

// The checked request of a POST /tools/invoke body (jsonObjectBody, then
// parseToolsInvokeRequest), or the 400 that answers it.
HttpOutcome<ToolsInvokeRequest> readToolsInvokeRequest(const rpc::HttpRequest& request);

// POST /tools/invoke: runs one of the agent's tools (`environment.tools`, already filtered by
// tools.allow / tools.deny and the exec security mode) with the caller's arguments, in the
// agent workspace, as a run would: the same confinement, exec policy and exec approvals (an
// approval is asked for the request's session). Callers pass the HttpGate and need
// operator.write; gateway.tools (HttpToolSettings, read live) decides which tools HTTP may
// reach. The tool runs on the blocking pool; a client that hangs up cancels it. Answers
// 200 {ok:true, result:{content:[{type:"text",text}], details, isError}}, or {ok:false,
// error:{type,message}}: 400 invalid_request (body) / tool_error (arguments the tool refused),
// 403 tool_call_blocked (the exec policy or an operator refused), 404 not_found (no such tool
// for HTTP), 500 tool_error (the tool failed unexpectedly). `gate`, `runtime` and `environment`
// must outlive the router.
void addToolsInvokeRoutes(rpc::HttpRouter& router, const HttpGate& gate,
                          rpc::GatewayRuntime& runtime, const runs::RunEnvironment& environment);

}  // namespace openclaw::httpapi
