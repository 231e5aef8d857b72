#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "automation/announce_delivery.h"
#include "automation/cron_job.h"

namespace openclaw::automation {

// A failure notification (upstream's failure alert, at its core): sent once per streak of
// failed runs, when the streak reaches this many.
inline constexpr std::int64_t kFailureAlertAfter = 2;

struct FailureAlert {
  DeliveryMode mode = DeliveryMode::Announce;  // Announce or Webhook
  AnnounceRoute route;                         // with Announce
  std::string url;                             // with Webhook
  std::string text;
  nlohmann::json webhookBody;  // {jobId, jobName, message, runAtMs}
};

// The notification for a run of `job` that failed with `error` (job.state as it was before the
// run), or nullopt: none due (the streak is not at kFailureAlertAfter), none wanted
// (delivery.bestEffort) or nowhere to send it. It goes to delivery.failureDestination (its
// channel, target and account default to the announce delivery's), else to the announce
// delivery's target.
std::optional<FailureAlert> failureAlertFor(const CronJob& job, const std::string& error,
                                            std::int64_t runAtMs);

}  // namespace openclaw::automation
