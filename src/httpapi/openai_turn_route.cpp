#include "httpapi/openai_turn_route.h"

#include "core/text.h"
#include "httpapi/http_errors.h"
#include "protocol/scopes.h"

namespace openclaw::httpapi {
namespace {

std::string trimmedHeader(const rpc::HttpRequest& request, const std::string& name) {
  return core::trimmed(request.header(name));
}

}  // namespace

std::optional<rpc::HttpResponse> turnScopeRefusal(const rpc::HttpRequest& request,
                                                  const HttpCaller& caller) {
  if (!protocol::scopeSatisfied(caller.scopes, protocol::scopes::kWrite)) {
    return missingScope(protocol::scopes::kWrite);
  }
  if (!trimmedHeader(request, "x-openclaw-model").empty() && !caller.sharedSecret &&
      !protocol::scopeSatisfied(caller.scopes, protocol::scopes::kAdmin)) {
    return missingScope(protocol::scopes::kAdmin);
  }
  return std::nullopt;
}

HttpOutcome<RoutedTurn> routeTurn(const rpc::HttpRequest& request, const std::string& model,
                                  const std::optional<std::string>& user,
                                  const std::string& sessionPrefix,
                                  const config::GatewaySettings& settings) {
  AgentTargetRequest targetRequest;
  targetRequest.model = model;
  targetRequest.agentHeader = trimmedHeader(request, "x-openclaw-agent-id");
  if (targetRequest.agentHeader.empty()) {
    targetRequest.agentHeader = trimmedHeader(request, "x-openclaw-agent");
  }
  targetRequest.sessionKeyHeader = trimmedHeader(request, "x-openclaw-session-key");
  targetRequest.user = user;
  targetRequest.sessionPrefix = sessionPrefix;
  auto target = resolveAgentTarget(targetRequest, settings.agents);
  if (!target) return invalidRequest(target.error().message);

  RoutedTurn routed{std::move(*target), std::nullopt};
  if (const std::string ref = trimmedHeader(request, "x-openclaw-model"); !ref.empty()) {
    std::string why;
    if (!config::sessionModelSelection(settings.models, ref, why)) {
      return invalidRequest("Model '" + ref + "' is not allowed for agent '" +
                            routed.target.agentId + "': " + why);
    }
    routed.modelOverride = ref;
  }
  return routed;
}

}  // namespace openclaw::httpapi
