#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "automation/schedule.h"
#include "protocol/result.h"

namespace openclaw::automation {

// A scheduled job, as upstream's CronJob (protocol.schema.json), restricted to what this gateway
// runs (docs/automation.md lists the rest as differences). Plain data; the scheduler
// (cron_service.h) owns the live copies, cron_store.h persists them.

// A notice into the main session (upstream payload kind "systemEvent").
struct SystemEventPayload {
  std::string text;
};

// An agent turn of its own (upstream payload kind "agentTurn").
struct AgentTurnPayload {
  std::string message;
  std::optional<std::string> model;      // "provider/model" or a model id, as chat.send's
  std::optional<std::string> thinking;   // kept and echoed; see docs/automation.md
  std::optional<double> timeoutSeconds;  // the run's budget; 0: no limit beyond the scheduler's
  bool lightContext = false;
};

using Payload = std::variant<SystemEventPayload, AgentTurnPayload>;

enum class DeliveryMode { None, Announce, Webhook };

// Where a failure notification goes (upstream delivery.failureDestination).
struct FailureDestination {
  std::string channel;  // empty: the job's delivery channel
  std::string to;
  std::string accountId;
  std::optional<DeliveryMode> mode;  // Announce or Webhook
};

// What happens with a run's output (upstream CronJob.delivery).
struct Delivery {
  DeliveryMode mode = DeliveryMode::None;
  std::string channel;    // a channel id ("irc", "telegram") or "last"; empty: "last"
  std::string to;         // the channel target, or the URL for Webhook
  std::string accountId;  // empty: the channel's default account
  std::optional<std::string> threadId;
  bool bestEffort = false;  // a failed delivery does not fail the run
  std::optional<FailureDestination> failureDestination;
};

// "ok" | "error" | "skipped" (upstream's run status).
enum class RunStatus { Ok, Error, Skipped };
// "delivered" | "not-delivered" | "unknown" | "not-requested".
enum class DeliveryStatus { Delivered, NotDelivered, Unknown, NotRequested };

const char* runStatusName(RunStatus status);
const char* deliveryStatusName(DeliveryStatus status);

// The scheduler's facts about a job (upstream CronJob.state); every field optional on the wire.
struct JobState {
  std::optional<std::int64_t> nextRunAtMs;
  std::optional<std::int64_t> runningAtMs;
  std::optional<std::int64_t> lastRunAtMs;
  std::optional<RunStatus> lastRunStatus;
  std::optional<std::string> lastError;
  std::optional<std::int64_t> lastDurationMs;
  std::int64_t consecutiveErrors = 0;
  std::optional<DeliveryStatus> lastDeliveryStatus;
  std::optional<std::string> lastDeliveryError;
};

struct CronJob {
  std::string id;
  std::string name;
  std::string description;
  std::string agentId;     // empty: the default agent
  std::string sessionKey;  // the session the job was created from (upstream's sessionKey)
  bool enabled = true;
  bool deleteAfterRun = false;
  std::int64_t createdAtMs = 0;
  std::int64_t updatedAtMs = 0;
  Schedule schedule;
  // "main" | "isolated" | "current" | "session:<key>" (upstream's sessionTarget, kept verbatim).
  std::string sessionTarget = "main";
  bool wakeNow = true;  // wakeMode "now" (true) or "next-heartbeat"
  Payload payload;
  Delivery delivery;
  JobState state;
};

// One finished run of a job (upstream CronRunLogEntry), newest kept first in cron.runs.
struct JobRunRecord {
  std::int64_t ts = 0;  // when the run finished
  std::string jobId;
  std::string jobName;
  RunStatus status = RunStatus::Ok;
  std::string error;    // set when status is Error (e.g. "interrupted: gateway stopped")
  std::string summary;  // the run's reply, cut (docs/automation.md)
  DeliveryStatus deliveryStatus = DeliveryStatus::NotRequested;
  std::string deliveryError;
  std::string sessionKey;
  std::string sessionId;
  std::string runId;
  std::int64_t runAtMs = 0;
  std::int64_t durationMs = 0;
  std::optional<std::int64_t> nextRunAtMs;
  std::string model;
  std::string provider;
  std::optional<std::int64_t> inputTokens;
  std::optional<std::int64_t> outputTokens;
};

// Wire conversions (cron_job.cpp). Job from cron.add params (schema-valid): INVALID_REQUEST
// naming the field for what this gateway cannot run; `id`, timestamps and state are filled in by
// the scheduler.
protocol::Result<CronJob> jobFromAddParams(const nlohmann::json& params, std::int64_t nowMs);
// cron.update's `patch` applied to a copy of `job`; null clears an optional field as upstream.
protocol::Result<CronJob> jobWithPatch(const CronJob& job, const nlohmann::json& patch,
                                       std::int64_t nowMs);
// The job as upstream's CronJob (what `cron` events carry): only the fields that are set;
// state.lastStatus repeats lastRunStatus (upstream's deprecated alias).
nlohmann::json jobToJson(const CronJob& job);
// What cron.get/list/add/update answer (upstream's read view): jobToJson plus configRevision (a
// digest of the definition) and the state's run facts lifted to the top (nextRunAtMs,
// lastRunAtMs, lastRunStatus, lastRunError, lastDelivered, lastDeliveryStatus,
// lastDeliveryError).
nlohmann::json jobReadView(const CronJob& job);
// upstream's CronRunLogEntry (action "finished"), as cron.runs lists it.
nlohmann::json runRecordToJson(const JobRunRecord& record);

}  // namespace openclaw::automation
