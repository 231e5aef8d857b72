// jobFromAddParams: cron.add's params (upstream CronAddParams) as a CronJob, with upstream's
// create-time defaults.
#include "automation/cron_job.h"
#include "automation/cron_job_parts.h"
#include "core/clock.h"
#include "core/text.h"
#include "sessions/session_keys.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

constexpr const char* kPrefix = "invalid cron.add params: ";

// What upstream's CronAddParams has and this gateway does not run.
protocol::Result<void> refuseUnrun(const json& params) {
  struct Unrun {
    const char* key;
    const char* what;
  };
  static constexpr Unrun kUnrun[] = {
      {"declarationKey", "(declarative jobs; create the job with cron.add and keep its id)"},
      {"displayName", "(use name)"},
      {"owner", "(jobs belong to the gateway's operators)"},
      {"pacing", "(dynamic cadence)"},
      {"trigger", "(condition scripts)"},
      {"failureAlert", "(use delivery.failureDestination)"},
  };
  for (const Unrun& unrun : kUnrun) {
    if (auto refusal = parts::refuseIfPresent(params, unrun.key, unrun.key, unrun.what); !refusal) {
      return refusal;
    }
  }
  return {};
}

// The string at `key` trimmed; "" when absent or null.
std::string optionalText(const json& params, const char* key) {
  const auto found = params.find(key);
  return found != params.end() && found->is_string() ? core::trimmed(found->get<std::string>())
                                                     : "";
}

// The schedule as upstream stores a new one: `at` as ISO-8601 UTC, an `every` anchored at
// creation, a top-of-hour cron expression staggered.
protocol::Result<Schedule> createdSchedule(const json& schedule, std::int64_t nowMs) {
  auto parsed = parseSchedule(schedule, nowMs);
  if (!parsed) return parsed;
  Schedule result = std::move(*parsed);
  if (auto* at = std::get_if<AtSchedule>(&result)) at->at = core::isoTimeUtc(at->atMs);
  if (auto* every = std::get_if<EverySchedule>(&result); every && !every->anchorMs) {
    every->anchorMs = nowMs;
  }
  parts::applyDefaultStagger(result);
  return result;
}

protocol::Result<CronJob> jobFrom(const json& params, std::int64_t nowMs) {
  if (auto refusal = refuseUnrun(params); !refusal) return refusal.error();
  CronJob job;
  auto name = parts::nonBlank(params.value("name", ""), "name");
  if (!name) return name.error();
  job.name = *name;
  job.description = optionalText(params, "description");
  const std::string agentId = optionalText(params, "agentId");
  job.agentId = agentId.empty() ? "" : sessions::normalizeAgentId(agentId);
  job.sessionKey = optionalText(params, "sessionKey");
  job.enabled = params.value("enabled", true);
  auto schedule = createdSchedule(params.at("schedule"), nowMs);
  if (!schedule) return schedule.error();
  job.schedule = std::move(*schedule);
  job.deleteAfterRun =
      params.value("deleteAfterRun", std::holds_alternative<AtSchedule>(job.schedule));
  job.sessionTarget = parts::resolvedSessionTarget(core::trimmed(params.value("sessionTarget", "")),
                                                   job.sessionKey);
  job.wakeNow = params.value("wakeMode", "now") == "now";
  auto payload = parts::payloadFromJson(params.at("payload"));
  if (!payload) return payload.error();
  job.payload = std::move(*payload);
  if (params.contains("delivery")) {
    auto delivery = parts::deliveryFromJson(params["delivery"]);
    if (!delivery) return delivery.error();
    job.delivery = std::move(*delivery);
  } else if (job.sessionTarget != "main") {
    // upstream's default for an isolated agent turn: announce the reply to the last route.
    job.delivery.mode = DeliveryMode::Announce;
  }
  if (auto valid = parts::checkJob(job); !valid) return valid.error();
  job.createdAtMs = nowMs;
  job.updatedAtMs = nowMs;
  return job;
}

}  // namespace

protocol::Result<CronJob> jobFromAddParams(const json& params, std::int64_t nowMs) {
  auto job = jobFrom(params, nowMs);
  if (!job) return parts::prefixed(job.error(), kPrefix);
  return job;
}

}  // namespace openclaw::automation
