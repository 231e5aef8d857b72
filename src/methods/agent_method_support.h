#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "gateway/gateway_runtime.h"
#include "gateway/method_registry.h"
#include "methods/agent_services.h"
#include "protocol/result.h"

namespace openclaw::methods {

// The agent a call addresses: params.agentId, else the agent of an "agent:<id>:…" key in
// params[keyField], else "main"; normalized.
std::string agentIdParam(const nlohmann::json& params, const char* keyField);

// params[keyField] as a canonical session key for `agentId` (sessions/session_keys.h); the
// main session when absent. INVALID_REQUEST when malformed.
protocol::Result<std::string> sessionKeyParam(const nlohmann::json& params, const char* keyField,
                                              const std::string& agentId);
// sessionKeyParam for the agent the params name (agentIdParam).
protocol::Result<std::string> sessionKeyParam(const nlohmann::json& params, const char* keyField);

// upstream clients send `deliver: false` by default; delivering replies to channels is not
// implemented, so `deliver: true` is INVALID_REQUEST.
protocol::Result<void> deliverySupported(const nlohmann::json& params);

// Runs `work` (blocking SQLite) on the storage thread, then answers with its payload on the
// event loop, passed through `finish` (for facts only the event loop knows). An exception from
// `work` is answered as UNAVAILABLE.
void answerFromStorage(gateway::GatewayRuntime& runtime, const gateway::Responder& respond,
                       std::function<nlohmann::json()> work,
                       std::function<nlohmann::json(nlohmann::json)> finish = nullptr);

}  // namespace openclaw::methods
