#include "methods/model_methods.h"

#include "core/clock.h"
#include "methods/agent_lookup.h"
#include "protocol/scopes.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

using nlohmann::json;

constexpr const char* kSnapshotEvent = "models.snapshot";

protocol::GatewayError unknownAgent(const std::string& agentId) {
  return protocol::GatewayError::invalidRequest("unknown agent id \"" + agentId + "\"");
}

// The agent params.agentId names (normalized), or the default agent; an unknown one is an error.
protocol::Result<std::string> requestedAgent(const config::AgentSettings& agents,
                                             const json& params) {
  const std::string given = params.value("agentId", "");
  if (given.empty()) return defaultAgentId(agents);
  const std::string agentId = sessions::normalizeAgentId(given);
  if (!isConfiguredAgent(agents, agentId)) return unknownAgent(agentId);
  return agentId;
}

// agent.identity.get's agent: params.agentId, else the agent of params.sessionKey, else the
// default agent.
protocol::Result<std::string> identityAgent(const config::AgentSettings& agents,
                                            const json& params) {
  const std::string sessionKey = params.value("sessionKey", "");
  if (params.contains("agentId") || sessionKey.empty()) return requestedAgent(agents, params);
  const auto canonical = sessions::canonicalSessionKey(sessionKey, defaultAgentId(agents));
  if (!canonical) {
    return protocol::GatewayError::invalidRequest(
        "invalid agent.identity.get params: malformed session key \"" + sessionKey + "\"");
  }
  const std::string agentId =
      sessions::agentIdOfSessionKey(*canonical).value_or(defaultAgentId(agents));
  if (!isConfiguredAgent(agents, agentId)) return unknownAgent(agentId);
  return agentId;
}

json identityJson(const config::AgentIdentitySettings& identity) {
  json out = json::object();
  for (auto [field, value] :
       {std::pair{"name", &identity.name}, std::pair{"theme", &identity.theme},
        std::pair{"emoji", &identity.emoji}, std::pair{"avatar", &identity.avatar}}) {
    if (value->has_value() && !(*value)->empty()) out[field] = **value;
  }
  return out;
}

json agentRow(const std::string& agentId, const config::AgentEntrySettings* entry,
              const config::GatewaySettings& settings) {
  json row = {{"id", agentId}, {"kind", "agent"}};
  if (entry && entry->name && !entry->name->empty()) row["name"] = *entry->name;
  if (entry) {
    json identity = identityJson(entry->identity);
    if (!identity.empty()) row["identity"] = std::move(identity);
  }
  if (!settings.tools.workspace.empty()) row["workspace"] = settings.tools.workspace.string();
  if (settings.models.primary) row["model"] = {{"primary", settings.models.primary->ref}};
  return row;
}

json agentsList(const config::GatewaySettings& settings) {
  json agents = json::array();
  if (settings.agents.list.empty()) {
    agents.push_back(agentRow(sessions::kDefaultAgentId, nullptr, settings));
  }
  for (const auto& entry : settings.agents.list) {
    agents.push_back(agentRow(sessions::normalizeAgentId(entry.id), &entry, settings));
  }
  // Session keys are per agent and sender (session.dmScope); upstream's "global" scope is not
  // offered.
  return {{"defaultId", defaultAgentId(settings.agents)},
          {"mainKey", "main"},
          {"scope", "per-sender"},
          {"agents", std::move(agents)}};
}

// upstream's AgentIdentityResult: the configured name (else upstream's default "Assistant"),
// the emoji, and an avatar only when it is a URL the browser can load itself.
json agentIdentity(const std::string& agentId, const config::AgentSettings& agents) {
  const config::AgentEntrySettings* entry = findAgent(agents, agentId);
  const config::AgentIdentitySettings identity =
      entry ? entry->identity : config::AgentIdentitySettings{};
  json out = {{"agentId", agentId}};
  if (identity.name && !identity.name->empty()) {
    out["name"] = *identity.name;
    out["nameSource"] = "agent";
  } else {
    out["name"] = "Assistant";
    out["nameSource"] = "default";
  }
  if (identity.emoji && !identity.emoji->empty()) out["emoji"] = *identity.emoji;
  const std::string avatar = identity.avatar.value_or("");
  if (avatar.starts_with("https://") || avatar.starts_with("http://")) {
    out["avatar"] = avatar;
    out["avatarStatus"] = "remote";
  } else if (avatar.starts_with("data:image/")) {
    out["avatar"] = avatar;
    out["avatarStatus"] = "data";
  } else {
    out["avatarStatus"] = "none";
  }
  return out;
}

bool hasKey(const config::ProviderSettings& provider) {
  return !provider.apiKey.empty() || !provider.apiKeyRequired;
}

json modelsList(const config::ModelSettings& models) {
  json list = json::array();
  if (const auto& primary = models.primary) {
    json model = {{"id", primary->model},
                  {"name", primary->model},
                  {"provider", primary->provider.id},
                  {"available", primary->unavailable.empty() && hasKey(primary->provider)}};
    if (primary->unavailable.empty() && !hasKey(primary->provider)) {
      model["unavailableReason"] = "missing-auth";
    }
    list.push_back(std::move(model));
  }
  return {{"models", std::move(list)}};
}

// One models.authStatus provider row: whether a key is there and where it comes from.
json providerAuth(const config::ProviderSettings& provider) {
  json row = {{"provider", provider.id},
              {"displayName", provider.id},
              {"status", hasKey(provider) ? "static" : "missing"},
              {"profiles", json::array()}};
  if (!provider.apiKey.empty()) {
    row["apiKey"] = provider.apiKeyVariable
                        ? json{{"source", "env"}, {"envVar", *provider.apiKeyVariable}}
                        : json{{"source", "config"}};
  }
  return row;
}

json authStatus(const config::ModelSettings& models) {
  json providers = json::array();
  if (models.primary) providers.push_back(providerAuth(models.primary->provider));
  return {{"ts", core::nowMs()}, {"providers", std::move(providers)}};
}

// A handler answering `reply(settings, params)` from the running settings.
template <class Reply>
rpc::MethodSpec fromSettings(const char* name, const char* paramsSchema,
                             rpc::GatewayRuntime& runtime, Reply reply) {
  return {.name = name,
          .scope = protocol::scopes::kRead,
          .paramsSchema = paramsSchema,
          .handler = [&runtime, reply](const rpc::MethodCall& call, const rpc::Responder& respond) {
            respond.answer(reply(runtime.settings, call.params));
          }};
}

}  // namespace

ModelCatalog::ModelCatalog(rpc::GatewayRuntime& runtime)
    : runtime_(runtime), published_(models()) {}

json ModelCatalog::models() const { return modelsList(runtime_.settings.models); }

void ModelCatalog::settingsApplied() {
  json current = models();
  if (current == published_) return;
  published_ = current;
  const json scope = {{"agentId", defaultAgentId(runtime_.settings.agents)}};
  runtime_.events.broadcastToOperators(
      kSnapshotEvent, {{"target", scope}, {"scope", scope}, {"catalog", std::move(current)}},
      protocol::scopes::kRead);
}

void registerModelMethods(rpc::MethodRegistry& registry, ModelCatalog& catalog) {
  rpc::GatewayRuntime& runtime = catalog.runtime();
  using Settings = config::GatewaySettings;
  registry.add(fromSettings("agents.list", "AgentsListParams", runtime,
                            [](const Settings& settings, const json&) -> protocol::Result<json> {
                              return agentsList(settings);
                            }));
  registry.add(
      fromSettings("agent.identity.get", "AgentIdentityParams", runtime,
                   [](const Settings& settings, const json& params) -> protocol::Result<json> {
                     auto agentId = identityAgent(settings.agents, params);
                     if (!agentId) return agentId.error();
                     return agentIdentity(*agentId, settings.agents);
                   }));
  registry.add(
      fromSettings("models.list", "ModelsListParams", runtime,
                   [](const Settings& settings, const json& params) -> protocol::Result<json> {
                     if (auto agentId = requestedAgent(settings.agents, params); !agentId) {
                       return agentId.error();
                     }
                     json list = modelsList(settings.models);
                     if (params.contains("provider")) {  // the official CLI's filter
                       json kept = json::array();
                       for (json& row : list.at("models")) {
                         if (row.at("provider") == params.at("provider"))
                           kept.push_back(std::move(row));
                       }
                       list["models"] = std::move(kept);
                     }
                     return list;
                   }));
  registry.add(
      fromSettings("models.authStatus", "ModelsAuthStatusParams", runtime,
                   [](const Settings& settings, const json& params) -> protocol::Result<json> {
                     if (auto agentId = requestedAgent(settings.agents, params); !agentId) {
                       return agentId.error();
                     }
                     return authStatus(settings.models);
                   }));
  registry.addEvent(kSnapshotEvent);
  // The official CLI's `models list` asks a gateway for models.list only when hello-ok says it
  // publishes its model catalog.
  registry.addCapability("published-model-catalog");
}

}  // namespace openclaw::methods
