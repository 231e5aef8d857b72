#include "methods/agent_methods.h"

#include "core/durations.h"
#include "methods/agent_method_support.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

// upstream's agent.wait default.
constexpr std::chrono::milliseconds kDefaultWait{30'000};

// Where an `agent` call's turn goes: sessionKey, else sessionId, else the sender `to` (per
// session.dmScope), else the agent's main session.
protocol::Result<runs::RunTarget> runTarget(const nlohmann::json& params,
                                            sessions::DmScope dmScope) {
  runs::RunTarget target;
  target.agentId = agentIdParam(params, "sessionKey");
  for (auto [field, slot] :
       {std::pair{"label", &target.origin.label}, std::pair{"channel", &target.origin.channel},
        std::pair{"to", &target.origin.to}}) {
    if (params.contains(field)) *slot = params.at(field).get<std::string>();
  }
  if (params.contains("sessionKey")) {
    auto key = sessionKeyParam(params, "sessionKey", target.agentId);
    if (!key) return key.error();
    target.sessionKey = std::move(key).value();
  } else if (params.contains("sessionId")) {
    target.sessionId = params.at("sessionId");
  } else if (params.contains("to")) {
    target.sessionKey = sessions::directSessionKey(
        target.agentId, dmScope, {params.value("channel", ""), "", params.at("to")});
  } else {
    target.sessionKey = sessions::mainSessionKey(target.agentId);
  }
  return target;
}

// The second answer of `agent`, once the run ended.
void answerFinal(const rpc::Responder& respond, const runs::EndedRun& ended) {
  const runs::RunResult& result = ended.result;
  const std::string& runId = ended.run.runId;
  switch (result.status) {
    case runs::RunStatus::Ok: {
      nlohmann::json payloads = nlohmann::json::array();
      for (const std::string& text : result.payloads) payloads.push_back({{"text", text}});
      respond.ok(
          {{"runId", runId},
           {"status", "ok"},
           {"summary", "completed"},
           {"result",
            {{"payloads", payloads},
             {"meta",
              {{"durationMs", result.endedAt - result.startedAt},
               {"stopReason", result.stopReason},
               {"sessionKey", ended.run.sessionKey},
               {"sessionId", ended.run.sessionId},
               {"usage",
                {{"input", result.usage.inputTokens}, {"output", result.usage.outputTokens}}}}}}}});
      return;
    }
    case runs::RunStatus::Aborted:
      // As upstream: an aborted run is a finished request, not a failure of the call.
      respond.ok({{"runId", runId},
                  {"status", "timeout"},
                  {"summary", "aborted"},
                  {"stopReason", "aborted"}});
      return;
    case runs::RunStatus::Timeout:
      respond.fail({protocol::codes::kAgentTimeout,
                    result.errorMessage,
                    {{"runId", runId}, {"status", "timeout"}},
                    false,
                    std::nullopt});
      return;
    case runs::RunStatus::Error:
      respond.fail({protocol::codes::kUnavailable,
                    result.errorMessage,
                    {{"runId", runId}, {"status", "error"}},
                    false,
                    std::nullopt});
      return;
  }
}

void handleAgent(AgentServices& services, const rpc::MethodCall& call,
                 const rpc::Responder& respond) {
  const nlohmann::json& params = call.params;
  auto target = runTarget(params, services.dmScope);
  if (!target) return respond.fail(target.error());
  if (auto delivery = deliverySupported(params); !delivery) return respond.fail(delivery.error());
  runs::RunRequest request;
  request.runId = params.at("idempotencyKey");
  request.target = std::move(target).value();
  request.message = params.at("message");
  if (params.contains("timeout")) {
    request.timeout = core::clampedDuration(params.at("timeout"), std::chrono::seconds(1));
  }
  services.runs.submit(
      std::move(request),
      [respond](const protocol::Result<runs::AcceptedRun>& accepted) {
        if (!accepted) return respond.fail(accepted.error());
        respond.ok({{"runId", accepted->runId},
                    {"status", "accepted"},
                    {"acceptedAt", accepted->acceptedAt}});
      },
      [respond](const runs::EndedRun& ended) { answerFinal(respond, ended); });
}

}  // namespace

void registerAgentMethods(rpc::MethodRegistry& registry, AgentServices& services) {
  registry.add({.name = "agent",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "AgentParams",
                .sideEffects = true,
                .handler = withServices(services, handleAgent)});
  registry.add({.name = "agent.wait",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "AgentWaitParams",
                .handler = [&services](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  services.runs.wait(
                      call.params.at("runId"),
                      core::durationParam(call.params, "timeoutMs", std::chrono::milliseconds(1),
                                          kDefaultWait),
                      [respond](const nlohmann::json& answer) { respond.ok(answer); });
                }});
  registry.addEvent("agent");
}

}  // namespace openclaw::methods
