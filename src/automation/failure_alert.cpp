#include "automation/failure_alert.h"

#include "core/utf8.h"

namespace openclaw::automation {
namespace {

// How much of the error a notification quotes.
constexpr std::size_t kAlertErrorChars = 200;

std::string orElse(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

}  // namespace

std::optional<FailureAlert> failureAlertFor(const CronJob& job, const std::string& error,
                                            std::int64_t runAtMs) {
  const Delivery& delivery = job.delivery;
  const std::int64_t streak = job.state.consecutiveErrors + 1;
  if (streak != kFailureAlertAfter || delivery.bestEffort) return std::nullopt;
  const bool announces = delivery.mode == DeliveryMode::Announce;
  FailureAlert alert;
  if (const auto& destination = delivery.failureDestination) {
    alert.mode = destination->mode.value_or(DeliveryMode::Announce);
    if (alert.mode == DeliveryMode::Webhook) {
      if (destination->to.empty()) return std::nullopt;
      alert.url = destination->to;
    } else {
      const std::string primaryChannel = announces ? delivery.channel : "";
      alert.route.channel = orElse(destination->channel, primaryChannel);
      const bool samePlace = announces && alert.route.channel == delivery.channel;
      alert.route.to = orElse(destination->to, samePlace ? delivery.to : "");
      alert.route.accountId = orElse(destination->accountId, samePlace ? delivery.accountId : "");
    }
  } else if (announces) {
    alert.route = {delivery.channel, delivery.to, delivery.accountId,
                   delivery.threadId.value_or("")};
  } else {
    return std::nullopt;
  }
  const std::string name = job.name.empty() ? job.id : job.name;
  alert.text = "Cron job \"" + name + "\" failed " + std::to_string(streak) +
               " times in a row.\nLast error: " +
               core::truncatedText(error.empty() ? "unknown" : error, kAlertErrorChars);
  alert.webhookBody = {
      {"jobId", job.id}, {"jobName", job.name}, {"message", alert.text}, {"runAtMs", runAtMs}};
  return alert;
}

}  // namespace openclaw::automation
