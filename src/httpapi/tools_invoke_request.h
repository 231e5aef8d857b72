#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "httpapi/http_gate.h"

namespace openclaw::httpapi {

// A POST /tools/invoke body, checked.
struct ToolsInvokeRequest {
  std::string tool;    // `name`, else `tool`
  std::string action;  // "" when absent
  nlohmann::json args = nlohmann::json::object();
  std::string sessionKey;  // canonical ("agent:<agentId>:…"); "main" or absent: the agent's main
  std::string agentId;
  std::string idempotencyKey;  // optional; names the call in logs
};

// Checks the fields of a POST /tools/invoke body (a JSON object): `tool`/`name` (string,
// required; `name` wins), `action` (string), `args` (object),
// `sessionKey`, `agentId`, `idempotencyKey` (strings), `dryRun` (boolean, ignored). Unknown
// fields are ignored. A field of the wrong type, or an agentId the sessionKey contradicts,
// answers 400 {ok:false, error:{type:"invalid_request", message}}.
HttpOutcome<ToolsInvokeRequest> parseToolsInvokeRequest(const nlohmann::json& body);

// The body of a /tools/invoke failure: {ok:false, error:{type, message}}.
rpc::HttpResponse toolsInvokeError(unsigned status, const std::string& type,
                                   const std::string& message);

}  // namespace openclaw::httpapi
