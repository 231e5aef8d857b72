#include "automation/cron_store_codec.h"

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

namespace openclaw::automation {
namespace {

using nlohmann::json;

template <class T>
void putOptional(json& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}

template <class T>
std::optional<T> optionalAt(const json& in, const char* key) {
  if (!in.contains(key) || in.at(key).is_null()) return std::nullopt;
  return in.at(key).get<T>();
}

// Enums are stored by their index; a bad index is a malformed row.
template <class Enum>
Enum enumAt(const json& in, const char* key, Enum last) {
  const auto value = in.at(key).get<std::int64_t>();
  if (value < 0 || value > static_cast<std::int64_t>(last)) {
    throw json::out_of_range::create(401, std::string("bad enum at ") + key, &in);
  }
  return static_cast<Enum>(value);
}

template <class Enum>
std::optional<Enum> optionalEnumAt(const json& in, const char* key, Enum last) {
  if (!in.contains(key) || in.at(key).is_null()) return std::nullopt;
  return enumAt(in, key, last);
}

template <class Enum>
json enumValue(Enum value) {
  return static_cast<std::int64_t>(value);
}

Schedule scheduleFromStored(const json& in) {
  const auto kind = in.at("kind").get<std::string>();
  if (kind == "at") {
    return AtSchedule{in.at("at").get<std::string>(), in.at("atMs").get<std::int64_t>()};
  }
  if (kind == "every") {
    return EverySchedule{in.at("everyMs").get<std::int64_t>(),
                         optionalAt<std::int64_t>(in, "anchorMs")};
  }
  if (kind == "cron") {
    return CronSchedule{in.at("expr").get<std::string>(), in.at("tz").get<std::string>(),
                        optionalAt<std::int64_t>(in, "staggerMs")};
  }
  throw json::out_of_range::create(401, "bad schedule kind " + kind, &in);
}

json storedPayload(const Payload& payload) {
  if (const auto* event = std::get_if<SystemEventPayload>(&payload)) {
    return {{"kind", "systemEvent"}, {"text", event->text}};
  }
  const auto& turn = std::get<AgentTurnPayload>(payload);
  json out = {
      {"kind", "agentTurn"}, {"message", turn.message}, {"lightContext", turn.lightContext}};
  putOptional(out, "model", turn.model);
  putOptional(out, "thinking", turn.thinking);
  putOptional(out, "timeoutSeconds", turn.timeoutSeconds);
  return out;
}

Payload payloadFromStored(const json& in) {
  if (in.at("kind").get<std::string>() == "systemEvent") {
    return SystemEventPayload{in.at("text").get<std::string>()};
  }
  AgentTurnPayload turn;
  turn.message = in.at("message").get<std::string>();
  turn.model = optionalAt<std::string>(in, "model");
  turn.thinking = optionalAt<std::string>(in, "thinking");
  turn.timeoutSeconds = optionalAt<double>(in, "timeoutSeconds");
  turn.lightContext = in.at("lightContext").get<bool>();
  return turn;
}

json storedDelivery(const Delivery& delivery) {
  json out = {{"mode", enumValue(delivery.mode)},
              {"channel", delivery.channel},
              {"to", delivery.to},
              {"accountId", delivery.accountId},
              {"bestEffort", delivery.bestEffort}};
  putOptional(out, "threadId", delivery.threadId);
  if (const auto& failure = delivery.failureDestination) {
    json stored = {
        {"channel", failure->channel}, {"to", failure->to}, {"accountId", failure->accountId}};
    if (failure->mode) stored["mode"] = enumValue(*failure->mode);
    out["failureDestination"] = std::move(stored);
  }
  return out;
}

Delivery deliveryFromStored(const json& in) {
  Delivery delivery;
  delivery.mode = enumAt(in, "mode", DeliveryMode::Webhook);
  delivery.channel = in.at("channel").get<std::string>();
  delivery.to = in.at("to").get<std::string>();
  delivery.accountId = in.at("accountId").get<std::string>();
  delivery.threadId = optionalAt<std::string>(in, "threadId");
  delivery.bestEffort = in.at("bestEffort").get<bool>();
  if (in.contains("failureDestination")) {
    const json& stored = in.at("failureDestination");
    delivery.failureDestination = FailureDestination{
        stored.at("channel").get<std::string>(), stored.at("to").get<std::string>(),
        stored.at("accountId").get<std::string>(),
        optionalEnumAt(stored, "mode", DeliveryMode::Webhook)};
  }
  return delivery;
}

json storedState(const JobState& state) {
  json out = {{"consecutiveErrors", state.consecutiveErrors}};
  putOptional(out, "nextRunAtMs", state.nextRunAtMs);
  putOptional(out, "runningAtMs", state.runningAtMs);
  putOptional(out, "lastRunAtMs", state.lastRunAtMs);
  if (state.lastRunStatus) out["lastRunStatus"] = enumValue(*state.lastRunStatus);
  putOptional(out, "lastError", state.lastError);
  putOptional(out, "lastDurationMs", state.lastDurationMs);
  if (state.lastDeliveryStatus) out["lastDeliveryStatus"] = enumValue(*state.lastDeliveryStatus);
  putOptional(out, "lastDeliveryError", state.lastDeliveryError);
  return out;
}

JobState stateFromStored(const json& in) {
  JobState state;
  state.consecutiveErrors = in.at("consecutiveErrors").get<std::int64_t>();
  state.nextRunAtMs = optionalAt<std::int64_t>(in, "nextRunAtMs");
  state.runningAtMs = optionalAt<std::int64_t>(in, "runningAtMs");
  state.lastRunAtMs = optionalAt<std::int64_t>(in, "lastRunAtMs");
  state.lastRunStatus = optionalEnumAt(in, "lastRunStatus", RunStatus::Skipped);
  state.lastError = optionalAt<std::string>(in, "lastError");
  state.lastDurationMs = optionalAt<std::int64_t>(in, "lastDurationMs");
  state.lastDeliveryStatus = optionalEnumAt(in, "lastDeliveryStatus", DeliveryStatus::NotRequested);
  state.lastDeliveryError = optionalAt<std::string>(in, "lastDeliveryError");
  return state;
}

}  // namespace

json storedSchedule(const Schedule& schedule) {
  json out;
  if (const auto* at = std::get_if<AtSchedule>(&schedule)) {
    out = {{"kind", "at"}, {"at", at->at}, {"atMs", at->atMs}};
  } else if (const auto* every = std::get_if<EverySchedule>(&schedule)) {
    out = {{"kind", "every"}, {"everyMs", every->everyMs}};
    putOptional(out, "anchorMs", every->anchorMs);
  } else {
    const auto& cron = std::get<CronSchedule>(schedule);
    out = {{"kind", "cron"}, {"expr", cron.expr}, {"tz", cron.tz}};
    putOptional(out, "staggerMs", cron.staggerMs);
  }
  return out;
}

json storedJob(const CronJob& job) {
  return {{"id", job.id},
          {"name", job.name},
          {"description", job.description},
          {"agentId", job.agentId},
          {"sessionKey", job.sessionKey},
          {"enabled", job.enabled},
          {"deleteAfterRun", job.deleteAfterRun},
          {"createdAtMs", job.createdAtMs},
          {"updatedAtMs", job.updatedAtMs},
          {"schedule", storedSchedule(job.schedule)},
          {"sessionTarget", job.sessionTarget},
          {"wakeNow", job.wakeNow},
          {"payload", storedPayload(job.payload)},
          {"delivery", storedDelivery(job.delivery)},
          {"state", storedState(job.state)}};
}

CronJob jobFromStored(const json& in) {
  CronJob job;
  job.id = in.at("id").get<std::string>();
  job.name = in.at("name").get<std::string>();
  job.description = in.at("description").get<std::string>();
  job.agentId = in.at("agentId").get<std::string>();
  job.sessionKey = in.at("sessionKey").get<std::string>();
  job.enabled = in.at("enabled").get<bool>();
  job.deleteAfterRun = in.at("deleteAfterRun").get<bool>();
  job.createdAtMs = in.at("createdAtMs").get<std::int64_t>();
  job.updatedAtMs = in.at("updatedAtMs").get<std::int64_t>();
  job.schedule = scheduleFromStored(in.at("schedule"));
  job.sessionTarget = in.at("sessionTarget").get<std::string>();
  job.wakeNow = in.at("wakeNow").get<bool>();
  job.payload = payloadFromStored(in.at("payload"));
  job.delivery = deliveryFromStored(in.at("delivery"));
  job.state = stateFromStored(in.at("state"));
  return job;
}

json storedRunRecord(const JobRunRecord& record) {
  json out = {{"ts", record.ts},
              {"jobId", record.jobId},
              {"jobName", record.jobName},
              {"status", enumValue(record.status)},
              {"error", record.error},
              {"summary", record.summary},
              {"deliveryStatus", enumValue(record.deliveryStatus)},
              {"deliveryError", record.deliveryError},
              {"sessionKey", record.sessionKey},
              {"sessionId", record.sessionId},
              {"runId", record.runId},
              {"runAtMs", record.runAtMs},
              {"durationMs", record.durationMs},
              {"model", record.model},
              {"provider", record.provider}};
  putOptional(out, "nextRunAtMs", record.nextRunAtMs);
  putOptional(out, "inputTokens", record.inputTokens);
  putOptional(out, "outputTokens", record.outputTokens);
  return out;
}

JobRunRecord runRecordFromStored(const json& in) {
  JobRunRecord record;
  record.ts = in.at("ts").get<std::int64_t>();
  record.jobId = in.at("jobId").get<std::string>();
  record.jobName = in.at("jobName").get<std::string>();
  record.status = enumAt(in, "status", RunStatus::Skipped);
  record.error = in.at("error").get<std::string>();
  record.summary = in.at("summary").get<std::string>();
  record.deliveryStatus = enumAt(in, "deliveryStatus", DeliveryStatus::NotRequested);
  record.deliveryError = in.at("deliveryError").get<std::string>();
  record.sessionKey = in.at("sessionKey").get<std::string>();
  record.sessionId = in.at("sessionId").get<std::string>();
  record.runId = in.at("runId").get<std::string>();
  record.runAtMs = in.at("runAtMs").get<std::int64_t>();
  record.durationMs = in.at("durationMs").get<std::int64_t>();
  record.model = in.at("model").get<std::string>();
  record.provider = in.at("provider").get<std::string>();
  record.nextRunAtMs = optionalAt<std::int64_t>(in, "nextRunAtMs");
  record.inputTokens = optionalAt<std::int64_t>(in, "inputTokens");
  record.outputTokens = optionalAt<std::int64_t>(in, "outputTokens");
  return record;
}

}  // namespace openclaw::automation
