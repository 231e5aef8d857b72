// A job and a run record in upstream's wire shapes (CronJob, CronRunLogEntry): only the fields
// that are set, as upstream's JSON leaves undefined ones out.
#include <cmath>

#include "automation/cron_job.h"
#include "core/digest.h"
#include "core/json_fields.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

const char* modeName(DeliveryMode mode) {
  switch (mode) {
    case DeliveryMode::None:
      return "none";
    case DeliveryMode::Announce:
      return "announce";
    case DeliveryMode::Webhook:
      return "webhook";
  }
  return "none";
}

// A whole number of seconds as an integer (30, not 30.0), as JavaScript prints it.
json numberJson(double value) {
  if (std::nearbyint(value) == value && std::fabs(value) < 9.0e15) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

void setText(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

template <class T>
void setOptional(json& object, const char* key, const std::optional<T>& value) {
  if (value) object[key] = *value;
}

json payloadJson(const Payload& payload) {
  if (const auto* event = std::get_if<SystemEventPayload>(&payload)) {
    return {{"kind", "systemEvent"}, {"text", event->text}};
  }
  const auto& turn = std::get<AgentTurnPayload>(payload);
  json result = {{"kind", "agentTurn"}, {"message", turn.message}};
  setOptional(result, "model", turn.model);
  setOptional(result, "thinking", turn.thinking);
  if (turn.timeoutSeconds) result["timeoutSeconds"] = numberJson(*turn.timeoutSeconds);
  if (turn.lightContext) result["lightContext"] = true;
  return result;
}

json failureDestinationJson(const FailureDestination& destination) {
  json result = json::object();
  setText(result, "channel", destination.channel);
  setText(result, "to", destination.to);
  setText(result, "accountId", destination.accountId);
  if (destination.mode) result["mode"] = modeName(*destination.mode);
  return result;
}

json deliveryJson(const Delivery& delivery) {
  json result = {{"mode", modeName(delivery.mode)}};
  setText(result, "channel", delivery.channel);
  setText(result, "to", delivery.to);
  setText(result, "accountId", delivery.accountId);
  setOptional(result, "threadId", delivery.threadId);
  if (delivery.bestEffort) result["bestEffort"] = true;
  if (delivery.failureDestination) {
    result["failureDestination"] = failureDestinationJson(*delivery.failureDestination);
  }
  return result;
}

// A main-session job without a webhook has no delivery on the wire (upstream leaves it unset).
bool hasDelivery(const CronJob& job) {
  return job.sessionTarget != "main" || job.delivery.mode != DeliveryMode::None ||
         job.delivery.failureDestination.has_value();
}

std::optional<bool> delivered(std::optional<DeliveryStatus> status) {
  if (status == DeliveryStatus::Delivered) return true;
  if (status == DeliveryStatus::NotDelivered) return false;
  return std::nullopt;
}

json stateJson(const JobState& state) {
  json result = json::object();
  setOptional(result, "nextRunAtMs", state.nextRunAtMs);
  setOptional(result, "runningAtMs", state.runningAtMs);
  setOptional(result, "lastRunAtMs", state.lastRunAtMs);
  if (state.lastRunStatus) {
    result["lastRunStatus"] = runStatusName(*state.lastRunStatus);
    result["lastStatus"] = runStatusName(*state.lastRunStatus);  // upstream's deprecated alias
  }
  setOptional(result, "lastError", state.lastError);
  setOptional(result, "lastDurationMs", state.lastDurationMs);
  if (state.lastRunStatus || state.consecutiveErrors > 0) {
    result["consecutiveErrors"] = state.consecutiveErrors;
  }
  setOptional(result, "lastDelivered", delivered(state.lastDeliveryStatus));
  if (state.lastDeliveryStatus) {
    result["lastDeliveryStatus"] = deliveryStatusName(*state.lastDeliveryStatus);
  }
  setOptional(result, "lastDeliveryError", state.lastDeliveryError);
  return result;
}

// upstream's configRevision: a digest of the job's definition (not its state or updatedAtMs),
// so a client can tell whether the definition changed since it read it.
std::string configRevision(json job) {
  job.erase("updatedAtMs");
  job.erase("state");
  return "sha256:" + core::sha256Hex(core::compactJson(job));
}

}  // namespace

json jobToJson(const CronJob& job) {
  json result = {{"id", job.id}};
  setText(result, "agentId", job.agentId);
  setText(result, "sessionKey", job.sessionKey);
  result["name"] = job.name;
  setText(result, "description", job.description);
  result["enabled"] = job.enabled;
  if (job.deleteAfterRun || std::holds_alternative<AtSchedule>(job.schedule)) {
    result["deleteAfterRun"] = job.deleteAfterRun;
  }
  result["createdAtMs"] = job.createdAtMs;
  result["updatedAtMs"] = job.updatedAtMs;
  result["schedule"] = scheduleToJson(job.schedule);
  result["sessionTarget"] = job.sessionTarget;
  result["wakeMode"] = job.wakeNow ? "now" : "next-heartbeat";
  result["payload"] = payloadJson(job.payload);
  if (hasDelivery(job)) result["delivery"] = deliveryJson(job.delivery);
  result["state"] = stateJson(job.state);
  return result;
}

json jobReadView(const CronJob& job) {
  json result = jobToJson(job);
  result["configRevision"] = configRevision(result);
  const json state = result["state"];
  static constexpr std::pair<const char*, const char*> kLifted[] = {
      {"nextRunAtMs", "nextRunAtMs"},
      {"lastRunAtMs", "lastRunAtMs"},
      {"lastRunStatus", "lastRunStatus"},
      {"lastError", "lastRunError"},
      {"lastDelivered", "lastDelivered"},
      {"lastDeliveryStatus", "lastDeliveryStatus"},
      {"lastDeliveryError", "lastDeliveryError"},
  };
  for (const auto& [from, to] : kLifted) {
    if (state.contains(from)) result[to] = state[from];
  }
  return result;
}

json runRecordToJson(const JobRunRecord& record) {
  json result = {{"ts", record.ts}, {"jobId", record.jobId}, {"action", "finished"}};
  result["status"] = runStatusName(record.status);
  // upstream's completion: a failed or skipped run failed; an ok run succeeded unless its
  // delivery was asked for and did not happen.
  const bool succeeded = record.deliveryStatus == DeliveryStatus::Delivered ||
                         record.deliveryStatus == DeliveryStatus::NotRequested;
  result["completionStatus"] =
      record.status != RunStatus::Ok ? "failed" : (succeeded ? "succeeded" : "unknown");
  setText(result, "error", record.error);
  setText(result, "summary", record.summary);
  setOptional(result, "delivered", delivered(record.deliveryStatus));
  result["deliveryStatus"] = deliveryStatusName(record.deliveryStatus);
  setText(result, "deliveryError", record.deliveryError);
  setText(result, "sessionId", record.sessionId);
  setText(result, "sessionKey", record.sessionKey);
  setText(result, "runId", record.runId);
  result["runAtMs"] = record.runAtMs;
  result["durationMs"] = record.durationMs;
  setOptional(result, "nextRunAtMs", record.nextRunAtMs);
  setText(result, "model", record.model);
  setText(result, "provider", record.provider);
  if (record.inputTokens || record.outputTokens) {
    json usage = json::object();
    setOptional(usage, "input_tokens", record.inputTokens);
    setOptional(usage, "output_tokens", record.outputTokens);
    if (record.inputTokens && record.outputTokens) {
      usage["total_tokens"] = *record.inputTokens + *record.outputTokens;
    }
    result["usage"] = std::move(usage);
  }
  setText(result, "jobName", record.jobName);
  return result;
}

}  // namespace openclaw::automation
