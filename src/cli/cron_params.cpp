#include "cli/cron_params.h"

#include <optional>
#include <string>

#include "cli/cron_time.h"
#include "core/durations.h"
#include "core/text.h"
#include "net/http_client.h"
#include "sessions/session_keys.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;
using Text = std::optional<std::string>;

[[noreturn]] void fail(const std::string& message) { throw CronUsageError(message); }

// The flag's value without surrounding whitespace; nullopt when the flag was not given.
Text text(const Text& value, const std::string& flag) {
  if (!value) return std::nullopt;
  std::string trimmedValue = core::trimmed(*value);
  if (trimmedValue.empty()) fail(flag + " must not be blank");
  return trimmedValue;
}

int countOf(std::initializer_list<bool> flags) {
  int count = 0;
  for (const bool flag : flags) count += flag ? 1 : 0;
  return count;
}

// main | isolated | current | session:<key>.
std::string sessionTarget(const std::string& raw) {
  const std::string lower = core::asciiLowercase(raw);
  if (lower == "main" || lower == "isolated" || lower == "current") return lower;
  if (lower.rfind("session:", 0) == 0) {
    const std::string key = core::trimmed(raw.substr(8));
    if (!key.empty()) return "session:" + key;
  }
  fail("--session must be main, isolated, current, or session:<key>");
}

std::optional<std::int64_t> integerFlag(const Text& value, const std::string& flag,
                                        std::int64_t minimum) {
  if (!value) return std::nullopt;
  const std::string digits = core::trimmed(*value);
  const std::string kind = minimum > 0 ? "positive" : "non-negative";
  if (digits.empty() || digits.size() > 15 ||
      digits.find_first_not_of("0123456789") != std::string::npos || std::stoll(digits) < minimum) {
    fail("Invalid " + flag + " (must be a " + kind + " integer).");
  }
  return std::stoll(digits);
}

// A webhook must be an absolute http(s) URL without credentials in it.
std::string webhookUrl(const std::string& raw) {
  const std::string url = core::trimmed(raw);
  const std::size_t authority = url.find("://");
  const std::string host =
      authority == std::string::npos
          ? ""
          : url.substr(authority + 3, url.find_first_of("/?#", authority + 3) - authority - 3);
  if (!net::parseHttpUrl(url) || host.find('@') != std::string::npos) {
    fail("--webhook must be a valid http(s) URL");
  }
  return url;
}

std::string wakeMode(const std::string& raw) {
  const std::string mode = core::trimmed(raw);
  if (mode != "now" && mode != "next-heartbeat") fail("--wake must be now or next-heartbeat");
  return mode;
}

// --stagger as ms, 0 for --exact, nullopt for neither.
std::optional<std::int64_t> staggerMs(const CronMutationOptions& options) {
  const Text stagger = text(options.stagger, "--stagger");
  if (stagger && options.exact) fail("Choose either --stagger or --exact, not both");
  if (options.exact) return 0;
  if (!stagger) return std::nullopt;
  const std::optional<std::int64_t> ms = durationMs(*stagger);
  if (!ms || *ms <= 0) fail("Invalid --stagger; use e.g. 30s, 1m, 5m");
  return ms;
}

// The schedules a command line can name directly.
struct ScheduleFlags {
  Text at, every, cron, tz;
  std::optional<std::int64_t> staggerMs;
  int count() const { return countOf({at.has_value(), every.has_value(), cron.has_value()}); }
};

ScheduleFlags scheduleFlags(const CronMutationOptions& options) {
  return {text(options.at, "--at"), text(options.every, "--every"), text(options.cron, "--cron"),
          text(options.tz, "--tz"), staggerMs(options)};
}

// The one schedule the flags name (count() == 1).
json directSchedule(const ScheduleFlags& flags, std::int64_t nowMs) {
  if (flags.tz && flags.every) fail("--tz is only valid with --cron or offset-less --at");
  if (flags.staggerMs && !flags.cron) fail("--stagger/--exact are only valid for cron schedules");
  if (flags.at) {
    if (flags.tz && !isKnownTimeZone(*flags.tz)) fail("Unknown time zone in --tz: " + *flags.tz);
    const std::optional<std::string> at = resolveAtTime(*flags.at, flags.tz.value_or(""), nowMs);
    if (!at) fail("Invalid --at. Use an ISO timestamp or a duration like 20m.");
    return {{"kind", "at"}, {"at", *at}};
  }
  if (flags.every) {
    const std::optional<std::int64_t> everyMs = durationMs(*flags.every);
    if (!everyMs || *everyMs <= 0) fail("Invalid --every. Use a duration like 10m, 1h, or 1d.");
    return {{"kind", "every"}, {"everyMs", *everyMs}};
  }
  json schedule = {{"kind", "cron"}, {"expr", *flags.cron}};
  if (flags.tz) schedule["tz"] = *flags.tz;
  if (flags.staggerMs) schedule["staggerMs"] = *flags.staggerMs;
  return schedule;
}

// `create`'s positional shorthand: "every <duration>", a 5- or 6-field cron expression, or an
// --at value.
void applyPositionalSchedule(const std::string& positional, ScheduleFlags& flags) {
  const std::string lower = core::asciiLowercase(positional);
  if (lower.rfind("every", 0) == 0 && lower.size() > 5 && (lower[5] == ' ' || lower[5] == '\t')) {
    flags.every = core::trimmed(positional.substr(5));
    return;
  }
  std::size_t fields = 0;
  for (const std::string& piece : core::splitOn(positional, ' ')) fields += piece.empty() ? 0U : 1U;
  if (fields == 5 || fields == 6) {
    flags.cron = positional;
  } else {
    flags.at = positional;
  }
}

struct AgentFlags {
  Text model, thinking;
  std::optional<std::int64_t> timeoutSeconds;
  bool any(const CronMutationOptions& options) const {
    return model || thinking || timeoutSeconds || options.lightContext;
  }
};

AgentFlags agentFlags(const CronMutationOptions& options) {
  return {text(options.model, "--model"), text(options.thinking, "--thinking"),
          integerFlag(options.timeoutSeconds, "--timeout-seconds", 0)};
}

json addPayload(const CronAddOptions& options) {
  const Text systemEvent = text(options.systemEvent, "--system-event");
  const Text flagMessage = text(options.message, "--message");
  const Text positionalMessage = text(options.positionalMessage, "the message argument");
  if (flagMessage && positionalMessage && *flagMessage != *positionalMessage) {
    fail("Pass the message either positionally or with --message, not both.");
  }
  const Text message = flagMessage ? flagMessage : positionalMessage;
  if (countOf({systemEvent.has_value(), message.has_value()}) != 1) {
    fail("Choose exactly one payload: --system-event or --message");
  }
  const AgentFlags agent = agentFlags(options);
  if (systemEvent) {
    if (agent.any(options)) {
      fail("--model, --thinking, --timeout-seconds and --light-context apply to --message jobs");
    }
    return {{"kind", "systemEvent"}, {"text", *systemEvent}};
  }
  json payload = {{"kind", "agentTurn"}, {"message", *message}};
  if (agent.model) payload["model"] = *agent.model;
  if (agent.thinking) payload["thinking"] = *agent.thinking;
  if (agent.timeoutSeconds) payload["timeoutSeconds"] = *agent.timeoutSeconds;
  if (options.lightContext) payload["lightContext"] = true;
  return payload;
}

// The chat-delivery flags of the shared set, read once.
struct ChatFlags {
  Text channel, to, account;
  std::optional<std::int64_t> threadId;
  Text webhook;
  bool any() const { return channel || to || account || threadId; }
};

ChatFlags chatFlags(const CronMutationOptions& options) {
  ChatFlags flags{text(options.channel, "--channel"), text(options.to, "--to"),
                  text(options.account, "--account"),
                  integerFlag(options.threadId, "--thread-id", 1), std::nullopt};
  if (options.webhook) flags.webhook = webhookUrl(*options.webhook);
  if (countOf({options.announce, options.noDeliver, flags.webhook.has_value()}) > 1) {
    fail("Choose at most one of --announce, --no-deliver, or --webhook");
  }
  if (flags.webhook && flags.any()) {
    fail("--webhook cannot be combined with chat delivery options.");
  }
  return flags;
}

std::optional<json> addDelivery(const CronAddOptions& options, bool agentJob) {
  const ChatFlags chat = chatFlags(options);
  if ((options.announce || options.noDeliver) && !agentJob) {
    fail("--announce/--no-deliver require a --message job in a non-main session.");
  }
  if (chat.any() && !agentJob) {
    fail(
        "--channel, --to, --account and --thread-id require a --message job in a non-main "
        "session.");
  }
  json delivery;
  if (chat.webhook) {
    delivery = {{"mode", "webhook"}, {"to", *chat.webhook}};
  } else if (agentJob) {
    delivery = {{"mode", options.noDeliver ? "none" : "announce"},
                {"channel", chat.channel.value_or("last")}};
    if (chat.to) delivery["to"] = *chat.to;
    if (chat.threadId) delivery["threadId"] = *chat.threadId;
    if (chat.account) delivery["accountId"] = *chat.account;
  } else {
    if (options.bestEffortDeliver) {
      fail("--best-effort-deliver needs a delivery: a --message job, or --webhook");
    }
    return std::nullopt;
  }
  if (options.bestEffortDeliver) delivery["bestEffort"] = true;
  return delivery;
}

void checkAfterRunFlags(const CronMutationOptions& options) {
  if (options.deleteAfterRun && options.keepAfterRun) {
    fail("Choose --delete-after-run or --keep-after-run, not both");
  }
}

// The stored job's value at `key` when it is an object.
json objectAt(const json& job, const char* key) {
  return job.is_object() && job.contains(key) && job.at(key).is_object() ? job.at(key)
                                                                         : json::object();
}

json editSchedule(const CronEditOptions& options, std::int64_t nowMs,
                  const std::function<json()>& existingJob) {
  const ScheduleFlags flags = scheduleFlags(options);
  if (flags.count() > 1) fail("Choose at most one schedule change");
  if (flags.count() == 1) {
    json schedule = directSchedule(flags, nowMs);
    // A new expression keeps the zone the job had.
    if (flags.cron && !flags.tz) {
      const json stored = objectAt(existingJob(), "schedule");
      if (stored.value("kind", "") == "cron" && stored.contains("tz"))
        schedule["tz"] = stored["tz"];
    }
    return schedule;
  }
  if (!flags.tz && !flags.staggerMs) return nullptr;
  json schedule = objectAt(existingJob(), "schedule");
  if (schedule.value("kind", "") != "cron") {
    fail("The job's schedule is not a cron expression; give --cron to change it");
  }
  if (flags.tz) schedule["tz"] = *flags.tz;
  if (flags.staggerMs) schedule["staggerMs"] = *flags.staggerMs;
  return schedule;
}

json editPayload(const CronEditOptions& options, const std::function<json()>& existingJob) {
  const Text systemEvent = text(options.systemEvent, "--system-event");
  const Text message = text(options.message, "--message");
  const AgentFlags agent = agentFlags(options);
  if (agent.model && options.clearModel) fail("Use --model or --clear-model, not both");
  if (agent.thinking && options.clearThinking) fail("Use --thinking or --clear-thinking, not both");
  if (options.lightContext && options.noLightContext) {
    fail("Use --light-context or --no-light-context, not both");
  }
  const bool agentFields = message || agent.model || agent.thinking || options.clearModel ||
                           options.clearThinking || options.lightContext || options.noLightContext;
  if (systemEvent && agent.timeoutSeconds) {
    fail("--timeout-seconds is not supported for systemEvent jobs.");
  }
  if (systemEvent && agentFields) fail("Choose at most one payload change");
  if (systemEvent) return {{"kind", "systemEvent"}, {"text", *systemEvent}};
  if (!agentFields && !agent.timeoutSeconds) return nullptr;
  if (!agentFields) {
    const std::string kind = objectAt(existingJob(), "payload").value("kind", "");
    if (kind != "agentTurn") fail("--timeout-seconds is not supported for " + kind + " jobs.");
  }
  json payload = {{"kind", "agentTurn"}};
  if (message) payload["message"] = *message;
  if (options.clearModel) payload["model"] = nullptr;
  if (agent.model) payload["model"] = *agent.model;
  if (options.clearThinking) payload["thinking"] = nullptr;
  if (agent.thinking) payload["thinking"] = *agent.thinking;
  if (agent.timeoutSeconds) payload["timeoutSeconds"] = *agent.timeoutSeconds;
  if (options.lightContext || options.noLightContext)
    payload["lightContext"] = options.lightContext;
  return payload;
}

// Sets delivery[key] from a value flag and its --clear-… flag.
template <typename Value>
void setOrClear(json& delivery, const char* key, const std::optional<Value>& value, bool clear,
                const std::string& flag) {
  if (value && clear) fail("Use " + flag + " or --clear-" + flag.substr(2) + ", not both");
  if (clear) delivery[key] = nullptr;
  if (value) delivery[key] = *value;
}

json editDelivery(const CronEditOptions& options) {
  const ChatFlags chat = chatFlags(options);
  const bool clears =
      options.clearChannel || options.clearTo || options.clearThreadId || options.clearAccount;
  if (chat.webhook && clears) fail("--webhook cannot be combined with chat delivery options.");
  if (options.bestEffortDeliver && options.noBestEffortDeliver) {
    fail("Use --best-effort-deliver or --no-best-effort-deliver, not both");
  }
  json delivery = json::object();
  if (chat.webhook) {
    delivery = {{"mode", "webhook"}, {"to", *chat.webhook}};
  } else if (options.announce || options.noDeliver) {
    delivery["mode"] = options.announce ? "announce" : "none";
  } else if (options.bestEffortDeliver && !chat.any() && !clears) {
    delivery["mode"] = "announce";
  }
  setOrClear(delivery, "channel", chat.channel, options.clearChannel, "--channel");
  setOrClear(delivery, "to", chat.to, options.clearTo, "--to");
  setOrClear(delivery, "threadId", chat.threadId, options.clearThreadId, "--thread-id");
  setOrClear(delivery, "accountId", chat.account, options.clearAccount, "--account");
  if (options.bestEffortDeliver || options.noBestEffortDeliver) {
    delivery["bestEffort"] = options.bestEffortDeliver;
  }
  return delivery.empty() ? json(nullptr) : delivery;
}

}  // namespace

json cronAddParams(const CronAddOptions& options, std::int64_t nowMs) {
  ScheduleFlags flags = scheduleFlags(options);
  const Text positional = text(options.scheduleOrName, "the schedule or name argument");
  const bool scheduleByFlag = flags.count() > 0;
  if (!scheduleByFlag && positional) applyPositionalSchedule(*positional, flags);
  if (flags.count() != 1) {
    fail("Choose exactly one schedule: a positional schedule, --at, --every, or --cron");
  }
  json params = {{"schedule", directSchedule(flags, nowMs)}};

  const json payload = addPayload(options);
  const bool agentTurn = payload.at("kind") == "agentTurn";
  const std::string target = options.session ? sessionTarget(core::trimmed(*options.session))
                                             : (agentTurn ? "isolated" : "main");
  if (target == "main" && agentTurn) {
    fail("Main jobs require --system-event; an agent --message runs in --session isolated.");
  }
  if (target != "main" && !agentTurn) {
    fail("Isolated jobs require --message; a --system-event goes to --session main.");
  }
  checkAfterRunFlags(options);

  const Text name = text(options.name, "--name");
  const Text positionalName = scheduleByFlag ? positional : std::nullopt;
  if (name && positionalName && *name != *positionalName) {
    fail("Pass the job name either positionally or with --name, not both.");
  }
  if (!name && !positionalName) fail("A job name is required: pass --name <name>.");
  params["name"] = name ? *name : *positionalName;
  if (options.description) params["description"] = *options.description;
  params["enabled"] = !options.disabled;
  if (options.deleteAfterRun || options.keepAfterRun) {
    params["deleteAfterRun"] = options.deleteAfterRun;
  }
  if (const Text agent = text(options.agent, "--agent")) {
    params["agentId"] = sessions::normalizeAgentId(*agent);
  }
  if (const Text key = text(options.sessionKey, "--session-key")) params["sessionKey"] = *key;
  params["sessionTarget"] = target;
  params["wakeMode"] = options.wake ? wakeMode(*options.wake) : "now";
  params["payload"] = payload;
  if (const std::optional<json> delivery = addDelivery(options, agentTurn)) {
    params["delivery"] = *delivery;
  }
  return params;
}

json cronEditPatch(const CronEditOptions& options, std::int64_t nowMs,
                   const std::function<json()>& existingJob) {
  std::optional<json> fetched;
  const std::function<json()> existing = [&] {
    if (!fetched) fetched = existingJob();
    return *fetched;
  };
  const std::optional<std::string> target =
      options.session ? std::optional(sessionTarget(core::trimmed(*options.session)))
                      : std::nullopt;
  if (target == "main" && options.message) {
    fail("Main jobs cannot use --message; use --system-event or --session isolated.");
  }
  if (target && target != "main" && options.systemEvent) {
    fail("Isolated jobs cannot use --system-event; use --message or --session main.");
  }
  checkAfterRunFlags(options);
  if (options.enable && options.disable) fail("Choose --enable or --disable, not both");

  json patch = json::object();
  if (const Text name = text(options.name, "--name")) patch["name"] = *name;
  if (options.description) patch["description"] = *options.description;
  if (options.enable || options.disable) patch["enabled"] = options.enable;
  if (options.deleteAfterRun || options.keepAfterRun) {
    patch["deleteAfterRun"] = options.deleteAfterRun;
  }
  if (target) patch["sessionTarget"] = *target;
  if (options.wake) patch["wakeMode"] = wakeMode(*options.wake);
  const Text agent = text(options.agent, "--agent");
  if (agent && options.clearAgent) fail("Use --agent or --clear-agent, not both");
  if (agent) patch["agentId"] = sessions::normalizeAgentId(*agent);
  if (options.clearAgent) patch["agentId"] = nullptr;
  const Text sessionKey = text(options.sessionKey, "--session-key");
  if (sessionKey && options.clearSessionKey) {
    fail("Use --session-key or --clear-session-key, not both");
  }
  if (sessionKey) patch["sessionKey"] = *sessionKey;
  if (options.clearSessionKey) patch["sessionKey"] = nullptr;

  if (json schedule = editSchedule(options, nowMs, existing); !schedule.is_null()) {
    patch["schedule"] = std::move(schedule);
  }
  if (json payload = editPayload(options, existing); !payload.is_null()) {
    patch["payload"] = std::move(payload);
  }
  if (json delivery = editDelivery(options); !delivery.is_null()) {
    patch["delivery"] = std::move(delivery);
  }
  if (patch.empty()) fail("Nothing to change: give at least one flag (openclaw cron edit --help)");
  return patch;
}

}  // namespace openclaw::cli
