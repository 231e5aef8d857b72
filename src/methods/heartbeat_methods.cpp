#include "methods/heartbeat_methods.h"

#include "core/text.h"
#include "methods/agent_lookup.h"
#include "protocol/scopes.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

using nlohmann::json;
using protocol::GatewayError;

// The wake a `wake` call asks for, or why it is refused.
protocol::Result<automation::WakeRequest> wakeRequest(const json& params,
                                                      const config::GatewaySettings& settings) {
  automation::WakeRequest request;
  request.source = "wake";
  request.text = params.at("text").get<std::string>();
  request.now = params.at("mode") == "now";
  if (params.contains("agentId")) {
    request.agentId =
        sessions::normalizeAgentId(core::trimmed(params.at("agentId").get<std::string>()));
    if (!isConfiguredAgent(settings.agents, request.agentId)) {
      return GatewayError::invalidRequest("agentId: unknown agent \"" + request.agentId + "\"");
    }
  }
  if (params.contains("sessionKey")) {
    const std::string owner =
        request.agentId.empty() ? defaultAgentId(settings.agents) : request.agentId;
    const std::optional<std::string> key = sessions::canonicalSessionKey(
        core::trimmed(params.at("sessionKey").get<std::string>()), owner);
    if (!key) return GatewayError::invalidRequest("sessionKey: not a valid session key");
    const std::string keyAgent = sessions::agentIdOfSessionKey(*key).value_or(owner);
    if (!isConfiguredAgent(settings.agents, keyAgent)) {
      return GatewayError::invalidRequest("sessionKey: unknown agent \"" + keyAgent + "\"");
    }
    if (!request.agentId.empty() && keyAgent != request.agentId) {
      return GatewayError::invalidRequest(
          "wake agentId contradicts the agent that owns sessionKey; pass a single canonical "
          "wake target");
    }
    request.sessionKey = *key;
    request.agentId = keyAgent;
    request.now = true;  // a wake of one session runs it at once (upstream)
  }
  return request;
}

}  // namespace

void registerHeartbeatMethods(rpc::MethodRegistry& registry, automation::HeartbeatRunner& heartbeat,
                              const config::GatewaySettings& settings) {
  registry.add({.name = "wake",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "WakeParams",
                .handler = [&heartbeat, &settings](const rpc::MethodCall& call,
                                                   const rpc::Responder& respond) {
                  if (core::trimmed(call.params.at("text").get<std::string>()).empty()) {
                    return respond.ok({{"ok", false}});
                  }
                  protocol::Result<automation::WakeRequest> request =
                      wakeRequest(call.params, settings);
                  if (!request) return respond.fail(request.error());
                  heartbeat.wake(*request);
                  respond.ok({{"ok", true}});
                }});
  registry.add(
      {.name = "set-heartbeats",
       .scope = protocol::scopes::kAdmin,
       .paramsSchema = "SetHeartbeatsParams",
       .handler = [&heartbeat](const rpc::MethodCall& call, const rpc::Responder& respond) {
         const bool enabled = call.params.at("enabled").get<bool>();
         heartbeat.setEnabled(enabled);
         respond.ok({{"ok", true}, {"enabled", enabled}});
       }});
  registry.add({.name = "last-heartbeat",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "LastHeartbeatParams",
                .handler = [&heartbeat](const rpc::MethodCall&, const rpc::Responder& respond) {
                  respond.ok(heartbeat.lastEvent());
                }});
}

}  // namespace openclaw::methods
