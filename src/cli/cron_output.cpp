#include "cli/cron_output.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <vector>

#include "core/clock.h"
#include "core/utf8.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

std::string stringAt(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return "-";
  const json& value = object.at(key);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return "-";
}

const json& objectAt(const json& object, const char* key) {
  static const json empty = json::object();
  return object.is_object() && object.contains(key) && object.at(key).is_object() ? object.at(key)
                                                                                  : empty;
}

// Control characters (escape sequences in a job name) print as '?'.
std::string printable(const std::string& text) {
  std::string out = core::toValidUtf8(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

std::size_t displayWidth(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// "1h30m", "45s", "250ms".
std::string exactDuration(std::int64_t ms) {
  if (ms <= 0) return "0ms";
  static constexpr std::array<std::pair<std::int64_t, const char*>, 5> kUnits = {
      {{86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}}};
  std::string out;
  for (const auto& [size, unit] : kUnits) {
    if (ms >= size) {
      out += std::to_string(ms / size) + unit;
      ms %= size;
    }
  }
  return out;
}

// "<1m", "5m", "3h", "2d".
std::string roughSpan(std::int64_t ms) {
  if (ms < 60'000) return "<1m";
  if (ms < 3'600'000) return std::to_string(ms / 60'000) + "m";
  if (ms < 48 * 3'600'000LL) return std::to_string(ms / 3'600'000) + "h";
  return std::to_string(ms / 86'400'000) + "d";
}

std::string statusLabel(const json& job) {
  const std::string status = cronJobStatus(job);
  const json& state = objectAt(job, "state");
  const std::int64_t failures = state.value("consecutiveErrors", std::int64_t{0});
  if (status == "error" && failures > 1) {
    return "error (" + (failures > 99 ? std::string("99+") : std::to_string(failures)) + "x)";
  }
  if (status == "ok" && state.value("lastDeliveryStatus", "") == "not-delivered") {
    return "ok (not delivered)";
  }
  return status;
}

std::string describeDelivery(const json& delivery) {
  const std::string mode = delivery.value("mode", "none");
  if (mode == "webhook") return "webhook " + stringAt(delivery, "to");
  if (mode != "announce") return mode;
  std::string text = "announce " + (delivery.contains("channel") ? stringAt(delivery, "channel")
                                                                 : std::string("last"));
  if (delivery.contains("to")) text += " -> " + stringAt(delivery, "to");
  if (delivery.contains("accountId")) text += " (account " + stringAt(delivery, "accountId") + ")";
  return text;
}

// The agent the job runs as: the gateway's resolved effectiveAgentId, else its agentId.
std::string agent(const json& job) {
  for (const char* key : {"effectiveAgentId", "agentId"}) {
    if (job.contains(key) && job.at(key).is_string()) return job.at(key).get<std::string>();
  }
  return "default";
}

std::string model(const json& job) {
  const json& payload = objectAt(job, "payload");
  return payload.value("kind", "") == "agentTurn" ? stringAt(payload, "model") : "-";
}

struct Column {
  const char* heading;
  std::size_t maxWidth;
};

}  // namespace

std::string cronJobStatus(const json& job) {
  const json& state = objectAt(job, "state");
  if (state.contains("runningAtMs") && !state.at("runningAtMs").is_null()) return "running";
  if (!job.value("enabled", true)) return "disabled";
  const json status = state.value("lastRunStatus", json());
  return status.is_string() ? status.get<std::string>() : "idle";
}

json withCronStatus(json value) {
  if (value.is_object() && value.contains("jobs") && value.at("jobs").is_array()) {
    for (json& job : value.at("jobs")) {
      if (job.is_object()) job["status"] = cronJobStatus(job);
    }
  } else if (value.is_object() && value.contains("state")) {
    value["status"] = cronJobStatus(value);
  }
  return value;
}

std::string describeSchedule(const json& schedule) {
  const std::string kind = schedule.is_object() ? schedule.value("kind", "") : "";
  if (kind == "at") {
    const std::string at = stringAt(schedule, "at");
    // "2026-01-02T03:04:05.000Z" -> "2026-01-02 03:04Z"
    if (at.size() >= 16 && at[10] == 'T' && at.back() == 'Z') {
      return "at " + at.substr(0, 10) + " " + at.substr(11, 5) + "Z";
    }
    return "at " + at;
  }
  if (kind == "every") {
    return "every " + exactDuration(schedule.value("everyMs", std::int64_t{0}));
  }
  if (kind != "cron") return kind.empty() ? "-" : kind;
  std::string text = "cron " + stringAt(schedule, "expr");
  if (schedule.contains("tz") && !stringAt(schedule, "tz").empty()) {
    text += " @ " + stringAt(schedule, "tz");
  }
  if (schedule.contains("staggerMs")) {
    const std::int64_t stagger = schedule.value("staggerMs", std::int64_t{0});
    text += stagger <= 0 ? " (exact)" : " (stagger " + exactDuration(stagger) + ")";
  }
  return text;
}

std::string relativeTime(const json& ms, std::int64_t nowMs) {
  if (!ms.is_number() || ms.get<std::int64_t>() <= 0) return "-";
  const std::int64_t delta = ms.get<std::int64_t>() - nowMs;
  return delta >= 0 ? "in " + roughSpan(delta) : roughSpan(-delta) + " ago";
}

std::string cronListTable(const json& jobs, std::int64_t nowMs) {
  if (!jobs.is_array() || jobs.empty()) return "No automations.\n";
  static constexpr std::array<Column, 9> kColumns = {{{"ID", 36},
                                                      {"Name", 24},
                                                      {"Schedule", 40},
                                                      {"Next", 10},
                                                      {"Last", 10},
                                                      {"Status", 19},
                                                      {"Target", 24},
                                                      {"Agent", 12},
                                                      {"Model", 24}}};
  std::vector<std::array<std::string, kColumns.size()>> rows;
  rows.push_back({});
  for (std::size_t i = 0; i < kColumns.size(); ++i) rows[0][i] = kColumns[i].heading;
  for (const json& job : jobs) {
    const json& state = objectAt(job, "state");
    rows.push_back(
        {stringAt(job, "id"), stringAt(job, "name"), describeSchedule(objectAt(job, "schedule")),
         job.value("enabled", true) ? relativeTime(state.value("nextRunAtMs", json()), nowMs) : "-",
         relativeTime(state.value("lastRunAtMs", json()), nowMs), statusLabel(job),
         stringAt(job, "sessionTarget"), agent(job), model(job)});
  }
  std::array<std::size_t, kColumns.size()> widths{};
  for (auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      row[i] = core::truncatedText(printable(row[i]), kColumns[i].maxWidth);
      widths[i] = std::max(widths[i], displayWidth(row[i]));
    }
  }
  std::ostringstream out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - displayWidth(row[i]) + 2, ' ');
    }
    out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
  return out.str();
}

std::string cronShowText(const json& job, std::int64_t nowMs) {
  const json& state = objectAt(job, "state");
  const json& payload = objectAt(job, "payload");
  const std::string kind = payload.value("kind", "");
  const std::vector<std::pair<const char*, std::string>> lines = {
      {"id", stringAt(job, "id")},
      {"name", stringAt(job, "name")},
      {"description", stringAt(job, "description")},
      {"enabled", job.value("enabled", true) ? "yes" : "no"},
      {"schedule", describeSchedule(objectAt(job, "schedule"))},
      {"session", stringAt(job, "sessionTarget")},
      {"wake", stringAt(job, "wakeMode")},
      {"agent", agent(job)},
      {"payload", kind == "systemEvent" ? "system event: " + stringAt(payload, "text")
                  : kind == "agentTurn" ? "agent message: " + stringAt(payload, "message")
                                        : kind},
      {"model", model(job)},
      {"delivery", describeDelivery(objectAt(job, "delivery"))},
      {"delete after run", job.value("deleteAfterRun", false) ? "yes" : "no"},
      {"next", relativeTime(state.value("nextRunAtMs", json()), nowMs)},
      {"last", relativeTime(state.value("lastRunAtMs", json()), nowMs)},
      {"status", statusLabel(job)},
      {"last error", stringAt(state, "lastError")},
      {"last delivery", stringAt(state, "lastDeliveryStatus")},
      {"last delivery error", stringAt(state, "lastDeliveryError")},
  };
  std::string out;
  for (const auto& [key, value] : lines) out += std::string(key) + ": " + printable(value) + "\n";
  return out;
}

json withRunTimes(json runs) {
  if (!runs.is_object() || !runs.contains("entries") || !runs.at("entries").is_array()) {
    return runs;
  }
  for (json& entry : runs.at("entries")) {
    if (!entry.is_object()) continue;
    for (const auto& [key, isoKey] : {std::pair{"ts", "tsIso"}, std::pair{"runAtMs", "runAtIso"},
                                      std::pair{"nextRunAtMs", "nextRunAtIso"}}) {
      if (entry.contains(key) && entry.at(key).is_number_integer() &&
          entry.at(key).get<std::int64_t>() > 0) {
        entry[isoKey] = core::isoTimeUtc(entry.at(key).get<std::int64_t>());
      }
    }
  }
  return runs;
}

}  // namespace openclaw::cli
