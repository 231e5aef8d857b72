#include "runs/run_environment.h"

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
  environment.workspace = settings.paths.stateDir / "workspace";
  environment.defaultTimeout = std::chrono::seconds(settings.runs.timeoutSeconds);
  return environment;
}

}  // namespace openclaw::runs
