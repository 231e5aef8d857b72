#include "runs/run_environment.h"

#include "agent/providers/provider_factory.h"
#include "agent/tools/builtin_tools.h"
#include "agent/tools/web_fetch_tool.h"

namespace openclaw::runs {

RunEnvironment runEnvironment(boost::asio::io_context& io, const config::GatewaySettings& settings,
                              agent::tools::ExecApprover execApprover) {
  RunEnvironment environment;
  // Resolved per run from the running settings, so a reloaded model applies to the next run.
  environment.resolveModel = [&io, &settings](const std::optional<std::string>& sessionModel) {
    agent::ConfiguredModel configured = agent::makeModelProvider(io, settings, sessionModel);
    return ModelChoice{std::move(configured.provider), configured.model, configured.error};
  };
  environment.tools = agent::tools::builtinTools(settings.tools, std::move(execApprover));
  if (agent::tools::toolAllowed(settings.tools, "web_fetch")) {
    agent::WebFetchLimits webFetch;
    webFetch.allowPrivateNetwork = settings.tools.webFetch.allowPrivateNetwork;
    environment.tools.push_back(std::make_shared<agent::WebFetchTool>(webFetch));
  }
  environment.workspace = settings.tools.workspace;
  environment.defaultTimeout = std::chrono::seconds(settings.runs.timeoutSeconds);
  return environment;
}

}  // namespace openclaw::runs
