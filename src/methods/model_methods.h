#pragma once

#include <nlohmann/json.hpp>

#include "config/agent_settings.h"
#include "rpc/gateway_runtime.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// The configured agent marked default, else the first; "main" when agents.list is empty.
std::string defaultAgentId(const config::AgentSettings& agents);
// Whether the normalized `agentId` is configured ("main" alone when agents.list is empty).
bool isConfiguredAgent(const config::AgentSettings& agents, const std::string& agentId);

// The model catalog the running settings give (agents.defaults.model: this gateway calls one
// model), and the models.snapshot event that tells operators when a config reload changed it.
// Event-loop thread only.
class ModelCatalog {
 public:
  explicit ModelCatalog(rpc::GatewayRuntime& runtime);

  // upstream's ModelsListResult.
  nlohmann::json models() const;
  // After settings were applied live: broadcasts models.snapshot ({target, scope, catalog}, for
  // the default agent) when the catalog differs from the last one published.
  void settingsApplied();

  rpc::GatewayRuntime& runtime() const { return runtime_; }

 private:
  rpc::GatewayRuntime& runtime_;
  nlohmann::json published_;
};

// agents.list and agent.identity.get (agents.list in the config, else the implicit "main"),
// models.list and models.authStatus (the configured model and whether its provider has a key;
// never the key), and the models.snapshot event. `catalog` must outlive the registry.
void registerModelMethods(rpc::MethodRegistry& registry, ModelCatalog& catalog);

}  // namespace openclaw::methods
