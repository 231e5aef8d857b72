#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace openclaw::cli {

// The flags `openclaw cron create` and `openclaw cron edit` share, as given on the command line
// (unset: not given). cron_params.h turns them into cron.add params or a cron.update patch.
struct CronMutationOptions {
  std::optional<std::string> name, description, agent, session, sessionKey, wake;
  // The schedule: one of at / every / cron, with tz and stagger (or exact) for cron.
  std::optional<std::string> at, every, cron, tz, stagger;
  bool exact = false;
  // The payload: a system event (main session) or an agent message (isolated-like sessions).
  std::optional<std::string> systemEvent, message, model, thinking, timeoutSeconds;
  bool lightContext = false;
  // Delivery of an agent run's reply.
  bool announce = false, noDeliver = false, bestEffortDeliver = false;
  std::optional<std::string> webhook, channel, to, threadId, account;
  bool deleteAfterRun = false, keepAfterRun = false;
};

// `cron create|add [scheduleOrName] [message] …`.
struct CronAddOptions : CronMutationOptions {
  // A schedule ("0 7 * * *", "every 1h", "20m", an ISO time) when no --at/--every/--cron is
  // given, else the job's name.
  std::optional<std::string> scheduleOrName;
  std::optional<std::string> positionalMessage;
  bool disabled = false;
};

// `cron edit <id> …`: the shared flags plus the ones that only make sense on an existing job.
struct CronEditOptions : CronMutationOptions {
  std::string id;
  bool enable = false, disable = false;
  bool clearAgent = false, clearSessionKey = false, clearModel = false, clearThinking = false;
  bool noLightContext = false, noBestEffortDeliver = false;
  bool clearChannel = false, clearTo = false, clearThreadId = false, clearAccount = false;
};

// Declares the flags on `command`, storing into `options` (which must outlive the parse).
void declareCronAddFlags(CLI::App& command, CronAddOptions& options);
void declareCronEditFlags(CLI::App& command, CronEditOptions& options);

// A flag combination or value that cannot make a job (the CLI exits 2 with its message).
class CronUsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace openclaw::cli
