#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/awaitable.h"
#include "methods/agent_services.h"
#include "protocol/result.h"
#include "rpc/gateway_runtime.h"
#include "rpc/method_registry.h"

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

// Runs `reply` (a coroutine, e.g. one awaiting rpc::onStorage) on the event loop and answers
// with the payload it returns. An exception from it (a storage failure) is logged and answered
// as UNAVAILABLE.
void answerFrom(rpc::GatewayRuntime& runtime, const rpc::Responder& respond,
                boost::asio::awaitable<nlohmann::json> reply);
// The same for a reply that may be a refusal: its error is the answer.
void answerFrom(rpc::GatewayRuntime& runtime, const rpc::Responder& respond,
                boost::asio::awaitable<protocol::Result<nlohmann::json>> reply);

}  // namespace openclaw::methods
