// jobWithPatch: cron.update's `patch` (upstream CronUpdateParams.patch) applied to a job, as
// upstream's applyJobPatch: present fields replace, null clears optional ones, a payload of the
// same kind is merged, a delivery is merged field by field.
#include "automation/cron_job.h"
#include "automation/cron_job_parts.h"
#include "core/clock.h"
#include "core/text.h"
#include "sessions/session_keys.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

constexpr const char* kPrefix = "invalid cron.update params: ";

protocol::Result<void> refuseUnrun(const json& patch) {
  struct Unrun {
    const char* key;
    const char* field;
    const char* what;
  };
  static constexpr Unrun kUnrun[] = {
      {"displayName", "patch.displayName", "(use name)"},
      {"pacing", "patch.pacing", "(dynamic cadence)"},
      {"trigger", "patch.trigger", "(condition scripts)"},
      {"failureAlert", "patch.failureAlert", "(use delivery.failureDestination)"},
      {"state", "patch.state", "(the scheduler keeps a job's state)"},
  };
  for (const Unrun& unrun : kUnrun) {
    if (auto refusal = parts::refuseUnlessNull(patch, unrun.key, unrun.field, unrun.what);
        !refusal) {
      return refusal;
    }
  }
  return {};
}

// A text field that null (or blank) clears.
void patchText(std::string& field, const json& patch, const char* key) {
  if (!patch.contains(key)) return;
  const json& value = patch[key];
  field = value.is_string() ? core::trimmed(value.get<std::string>()) : "";
}

// A new schedule replaces the old one; a cron expression left as it was keeps its stagger.
protocol::Result<Schedule> patchedSchedule(const Schedule& previous, const json& schedule,
                                           std::int64_t nowMs) {
  auto parsed = parseSchedule(schedule, nowMs);
  if (!parsed) return parsed;
  Schedule result = std::move(*parsed);
  if (auto* at = std::get_if<AtSchedule>(&result)) at->at = core::isoTimeUtc(at->atMs);
  auto* cron = std::get_if<CronSchedule>(&result);
  const auto* before = std::get_if<CronSchedule>(&previous);
  if (cron && before && !cron->staggerMs && cron->expr == before->expr) {
    cron->staggerMs = before->staggerMs;
  }
  parts::applyDefaultStagger(result);
  return result;
}

// upstream: a one-shot deletes itself after its run unless told otherwise; a recurring one
// does not.
void patchDeleteAfterRun(CronJob& job, const json& patch, const Schedule& previous) {
  if (patch.contains("deleteAfterRun")) {
    job.deleteAfterRun = patch["deleteAfterRun"].get<bool>();
    return;
  }
  const bool wasAt = std::holds_alternative<AtSchedule>(previous);
  const bool isAt = std::holds_alternative<AtSchedule>(job.schedule);
  if (patch.contains("schedule") && wasAt != isAt) job.deleteAfterRun = isAt;
}

// upstream: a main-session job has no channel delivery, so what an isolated target had goes when
// the job moves to "main" (an announce the patch itself asks for is refused by checkJob).
void dropChannelDeliveryOfMain(CronJob& job, const json& patch) {
  if (job.sessionTarget != "main" || job.delivery.mode == DeliveryMode::Webhook) return;
  const json delivery = patch.value("delivery", json::object());
  if (delivery.value("mode", "") == "announce") return;
  Delivery none;
  none.failureDestination = std::move(job.delivery.failureDestination);
  job.delivery = std::move(none);
}

protocol::Result<CronJob> patched(const CronJob& job, const json& patch, std::int64_t nowMs) {
  if (auto refusal = refuseUnrun(patch); !refusal) return refusal.error();
  CronJob next = job;
  if (patch.contains("name")) {
    auto name = parts::nonBlank(patch.value("name", ""), "patch.name");
    if (!name) return name.error();
    next.name = *name;
  }
  patchText(next.description, patch, "description");
  patchText(next.sessionKey, patch, "sessionKey");
  if (patch.contains("agentId")) {
    std::string agentId;
    patchText(agentId, patch, "agentId");
    next.agentId = agentId.empty() ? "" : sessions::normalizeAgentId(agentId);
  }
  if (patch.contains("enabled")) next.enabled = patch["enabled"].get<bool>();
  // upstream: enabling a job again starts its error streak afresh.
  if (patch.value("enabled", false)) next.state.consecutiveErrors = 0;
  if (patch.contains("schedule")) {
    auto schedule = patchedSchedule(job.schedule, patch["schedule"], nowMs);
    if (!schedule) return schedule.error();
    next.schedule = std::move(*schedule);
  }
  patchDeleteAfterRun(next, patch, job.schedule);
  if (patch.contains("sessionTarget")) {
    next.sessionTarget = core::trimmed(patch["sessionTarget"].get<std::string>());
  }
  next.sessionTarget = parts::resolvedSessionTarget(next.sessionTarget, next.sessionKey);
  if (patch.contains("wakeMode")) next.wakeNow = patch["wakeMode"] == "now";
  if (patch.contains("payload")) {
    auto payload = parts::payloadWithPatch(job.payload, patch["payload"]);
    if (!payload) return payload.error();
    next.payload = std::move(*payload);
  }
  if (patch.contains("delivery")) {
    auto delivery = parts::deliveryWithPatch(job.delivery, patch["delivery"]);
    if (!delivery) return delivery.error();
    next.delivery = std::move(*delivery);
  }
  dropChannelDeliveryOfMain(next, patch);
  if (auto valid = parts::checkJob(next); !valid) return valid.error();
  next.updatedAtMs = nowMs;
  return next;
}

}  // namespace

protocol::Result<CronJob> jobWithPatch(const CronJob& job, const json& patch, std::int64_t nowMs) {
  auto next = patched(job, patch, nowMs);
  if (!next) return parts::prefixed(next.error(), kPrefix);
  return next;
}

}  // namespace openclaw::automation
