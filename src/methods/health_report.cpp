#include "methods/health_report.h"

#include "channels/channel_manager.h"
#include "core/clock.h"
#include "methods/system_snapshots.h"

namespace openclaw::methods {

nlohmann::json HealthReport::snapshot(bool admin) const {
  nlohmann::json health =
      buildHealthSnapshot(HealthInputs{core::nowMs(), settings_.paths.databasePath.string(),
                                       reload_.watching, reloadDetails(admin)});
  if (channels_) channels_->addToHealth(health);
  return health;
}

nlohmann::json HealthReport::helloSnapshot() const {
  return buildHealthSnapshot(HealthInputs{core::nowMs(), settings_.paths.databasePath.string(),
                                          reload_.watching, nullptr});
}

nlohmann::json HealthReport::reloadDetails(bool withError) const {
  nlohmann::json details = {{"mode", settings_.reloadMode},
                            {"watching", reload_.watching},
                            {"status", reload_.status},
                            {"pendingRestart", reload_.pendingRestart}};
  if (reload_.lastAppliedAtMs > 0) details["lastAppliedAtMs"] = reload_.lastAppliedAtMs;
  if (withError && !reload_.lastError.empty()) {
    details["lastError"] = reload_.lastError;  // it quotes the config file
    details["lastErrorAtMs"] = reload_.lastErrorAtMs;
  }
  return details;
}

}  // namespace openclaw::methods
