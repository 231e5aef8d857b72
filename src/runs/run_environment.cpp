#include "runs/run_environment.h"

#include "agent/tools/builtin_tools.h"

namespace openclaw::runs {

RunEnvironment runEnvironment(boost::asio::io_context&, const config::GatewaySettings& settings) {
  RunEnvironment environment;
  const std::string configPath = settings.paths.configPath.string();
  environment.resolveModel = [configPath] {
    return ModelChoice{
        nullptr, "",
        "no model configured: set agents.defaults.model (\"<provider>/<model>\") in " + configPath +
            " and restart the gateway"};
  };
  // No exec approver is wired yet: commands that need an operator's approval are refused.
  environment.tools = agent::tools::builtinTools(settings.tools);
  environment.workspace = settings.tools.workspace;
  environment.defaultTimeout = std::chrono::seconds(settings.runs.timeoutSeconds);
  return environment;
}

}  // namespace openclaw::runs
