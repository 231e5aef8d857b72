#include "methods/system_snapshots.h"

namespace openclaw::methods {

nlohmann::json buildHealthSnapshot(const HealthInputs& inputs) {
  nlohmann::json configReload = {
      {"hotReloadStatus", inputs.hotReloadActive ? "active" : "disabled"}};
  if (inputs.reloadDetails.is_object()) configReload.update(inputs.reloadDetails);
  return {
      {"ok", true},
      {"ts", inputs.nowMs},
      {"durationMs", 0},
      {"channels", nlohmann::json::object()},
      {"channelOrder", nlohmann::json::array()},
      {"channelLabels", nlohmann::json::object()},
      {"agents", nlohmann::json::array()},
      {"sessions",
       {{"path", inputs.sessionStorePath}, {"count", 0}, {"recent", nlohmann::json::array()}}},
      {"configReload", configReload},
  };
}

nlohmann::json buildStatusSummary(const StatusInputs& inputs) {
  nlohmann::json gateway = {
      {"version", inputs.version},
      {"host", inputs.host},
      {"uptimeMs", inputs.uptimeMs},
      {"port", inputs.port},
      {"derivedPorts",
       {{"browserControl", inputs.browserControlPort}, {"canvasHost", inputs.canvasHostPort}}},
      {"bind", inputs.bindMode},
      {"bindHosts", inputs.bindHosts},
      {"authMode", inputs.authMode},
      {"connections", inputs.connections},
      {"presence", inputs.presenceCount},
  };
  if (inputs.callerIsAdmin) {
    gateway["configPath"] = inputs.configPath;
    gateway["stateDir"] = inputs.stateDir;
  }
  gateway["configReload"] = inputs.configReload;
  // Upstream's status summary, with the counts this gateway has: no agents, tasks or sessions
  // are counted yet, so every list is empty and every counter zero. channelSummary stays empty
  // as upstream's online status leaves it (channels.status has the channels). `gateway` is our
  // own addition (listener and connection facts).
  const auto zeros = [](std::initializer_list<const char*> keys) {
    nlohmann::json counts = nlohmann::json::object();
    for (const char* key : keys) counts[key] = 0;
    return counts;
  };
  nlohmann::json tasks = zeros({"total", "active", "terminal", "failures"});
  tasks["byStatus"] =
      zeros({"queued", "running", "succeeded", "failed", "timed_out", "cancelled", "lost"});
  tasks["byRuntime"] = zeros({"subagent", "acp", "cli", "cron"});
  nlohmann::json taskAudit = zeros({"total", "warnings", "errors"});
  taskAudit["byCode"] = zeros({"stale_queued", "stale_running", "lost", "delivery_failed",
                               "missing_cleanup", "inconsistent_timestamps"});
  const auto empty = nlohmann::json::array();
  return {
      {"runtimeVersion", inputs.version},
      {"heartbeat", {{"defaultAgentId", "main"}, {"agents", empty}}},
      {"channelSummary", empty},
      {"queuedSystemEvents", empty},
      {"degradedSecretOwners", empty},
      {"tasks", tasks},
      {"taskAudit", taskAudit},
      {"sessions",
       {{"paths", empty},
        {"count", 0},
        {"defaults", {{"model", nullptr}, {"contextTokens", nullptr}}},
        {"recent", empty},
        {"byAgent", empty}}},
      {"gateway", gateway},
  };
}

}  // namespace openclaw::methods
