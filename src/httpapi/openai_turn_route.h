#pragma once

#include <optional>
#include <string>

#include "config/gateway_settings.h"
#include "httpapi/http_gate.h"
#include "httpapi/openai_agent_target.h"
#include "rpc/http_router.h"

namespace openclaw::httpapi {

// What an OpenAI-compatible request (chat completions, responses) asks of its agent turn.
struct RoutedTurn {
  AgentTarget target;
  std::optional<std::string> modelOverride;  // x-openclaw-model, checked
};

// Who may start such a turn, as upstream: operator.write, and operator.admin for an
// x-openclaw-model override unless the caller proved the shared secret. The 403, or nullopt.
std::optional<rpc::HttpResponse> turnScopeRefusal(const rpc::HttpRequest& request,
                                                  const HttpCaller& caller);

// Routes the turn: resolveAgentTarget over the body's `model` and `user` and the
// x-openclaw-agent-id (else x-openclaw-agent) and x-openclaw-session-key headers, then checks an
// x-openclaw-model override against the configured models. 400 invalid_request_error otherwise.
HttpOutcome<RoutedTurn> routeTurn(const rpc::HttpRequest& request, const std::string& model,
                                  const std::optional<std::string>& user,
                                  const std::string& sessionPrefix,
                                  const config::GatewaySettings& settings);

}  // namespace openclaw::httpapi
