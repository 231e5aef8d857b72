#pragma once

#include <string>
#include <vector>

#include "config/gateway_settings.h"

namespace openclaw::config {

// How a changed setting reaches the running gateway.
enum class ReloadEffect {
  Hot,      // applied live; connections stay up
  Restart,  // needs an in-process restart (sockets are closed; same PID)
};

// One row of the reload table: a config key (it covers the keys below it) and how a change to it
// is applied.
struct ReloadRule {
  const char* key;
  ReloadEffect effect;
};

// The whole table, in the order docs/configuration.md lists it.
const std::vector<ReloadRule>& reloadRules();

// What changed between two resolved settings, split by effect (keys as in reloadRules()).
struct ReloadPlan {
  std::vector<std::string> hot;
  std::vector<std::string> restart;
  bool empty() const { return hot.empty() && restart.empty(); }
};

ReloadPlan planReload(const GatewaySettings& before, const GatewaySettings& after);

// What the running gateway does with a changed config file.
enum class ReloadAction {
  None,     // nothing now: no setting changed, or gateway.reload.mode is "off"
  Hot,      // copy the Hot settings (applyHotSettings); Restart ones stay pending
  Restart,  // restart in-process with the new settings
};

// The action for `plan` under reload mode `mode` (the new file's): for a change the watcher saw,
// or, with `explicitApply` (config.apply), one an operator asked to apply now, which restarts
// whenever something would otherwise stay pending, whatever the mode.
ReloadAction reloadAction(const ReloadPlan& plan, const std::string& mode, bool explicitApply);

// Copies what every Hot rule covers from `next` into `running`; what the Restart rules cover keeps
// its running value until a restart.
void applyHotSettings(GatewaySettings& running, const GatewaySettings& next);

}  // namespace openclaw::config
