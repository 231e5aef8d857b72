#include "automation/schedule.h"

#include <sstream>
#include <vector>

#include "automation/cron_expression.h"
#include "automation/iso_instant.h"
#include "automation/time_zone.h"
#include "core/clock.h"
#include "core/digest.h"
#include "core/json_fields.h"
#include "core/text.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;
using protocol::GatewayError;

// The window recurring top-of-hour expressions are spread over unless staggerMs says otherwise.
constexpr std::int64_t kDefaultTopOfHourStaggerMs = 5 * 60 * 1000;

GatewayError fieldError(const std::string& field, const std::string& problem) {
  return GatewayError::invalidRequest("schedule." + field + ": " + problem);
}

// The integer at `key` (nullopt when absent), or the error naming it when it is not an integer
// in [min, kMaxTimestampMs].
protocol::Result<std::optional<std::int64_t>> integerField(const json& schedule, const char* key,
                                                           std::int64_t min) {
  const auto found = schedule.find(key);
  if (found == schedule.end()) return std::optional<std::int64_t>();
  if (!found->is_number_integer()) return fieldError(key, "must be an integer");
  const bool huge = found->is_number_unsigned() &&
                    found->get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxTimestampMs);
  const std::int64_t value = huge ? kMaxTimestampMs + 1 : found->get<std::int64_t>();
  if (value < min || value > kMaxTimestampMs) {
    return fieldError(key, "must be between " + std::to_string(min) + " and " +
                               std::to_string(kMaxTimestampMs) + ", got " + found->dump());
  }
  return std::optional<std::int64_t>(value);
}

protocol::Result<Schedule> parseAt(const json& schedule, std::int64_t nowMs) {
  const auto at = core::stringField(schedule, "at");
  if (!at) return fieldError("at", "required: an ISO 8601 time such as 2026-01-02T03:04:05Z");
  const auto atMs = parseIsoInstantMs(*at);
  if (!atMs) {
    return fieldError("at", "'" + *at +
                                "' is not an ISO 8601 time (2026-01-02T03:04:05Z, "
                                "2026-01-02T04:04:05+01:00) or epoch milliseconds");
  }
  if (*atMs <= nowMs) {
    return fieldError("at", "'" + *at + "' (" + core::isoTimeUtc(*atMs) + ") is not in the future");
  }
  return Schedule(AtSchedule{*at, *atMs});
}

protocol::Result<Schedule> parseEvery(const json& schedule) {
  const auto everyMs = integerField(schedule, "everyMs", kMinEveryMs);
  if (!everyMs.ok()) return everyMs.error();
  if (!*everyMs) return fieldError("everyMs", "required: the interval in milliseconds");
  const auto anchorMs = integerField(schedule, "anchorMs", 0);
  if (!anchorMs.ok()) return anchorMs.error();
  return Schedule(EverySchedule{**everyMs, *anchorMs});
}

protocol::Result<std::shared_ptr<const TimeZone>> zoneOf(const std::string& tz) {
  return tz.empty() ? hostTimeZone() : loadTimeZone(tz);
}

protocol::Result<Schedule> parseCron(const json& schedule) {
  const auto expr = core::stringField(schedule, "expr");
  if (!expr) return fieldError("expr", "required: a cron expression such as \"0 9 * * 1-5\"");
  if (const auto parsed = CronExpression::parse(*expr); !parsed.ok()) {
    return fieldError("expr", parsed.error().message);
  }
  std::string tz;
  if (const auto found = schedule.find("tz"); found != schedule.end()) {
    if (!found->is_string()) return fieldError("tz", "must be a string (an IANA time zone)");
    tz = core::trimmed(found->get<std::string>());
  }
  if (const auto zone = zoneOf(tz); !zone.ok()) return fieldError("tz", zone.error().message);
  const auto staggerMs = integerField(schedule, "staggerMs", 0);
  if (!staggerMs.ok()) return staggerMs.error();
  return Schedule(CronSchedule{core::trimmed(*expr), tz, *staggerMs});
}

bool isDigits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

// One item of an hour field upstream counts as recurring: "n", "n-m", "*" or "?", each with an
// optional "/step".
bool isPlainHourItem(const std::string& item) {
  const auto slash = item.find('/');
  if (slash != std::string::npos && !isDigits(item.substr(slash + 1))) return false;
  const std::string base = item.substr(0, slash);
  if (base == "*" || base == "?") return true;
  const auto dash = base.find('-');
  return dash == std::string::npos
             ? isDigits(base)
             : isDigits(base.substr(0, dash)) && isDigits(base.substr(dash + 1));
}

bool isRecurringTopOfHour(const std::string& expr) {
  std::istringstream in(expr);
  std::vector<std::string> fields;
  for (std::string field; in >> field;) fields.push_back(field);
  std::size_t hourIndex = 0;
  if (fields.size() == 5 && fields[0] == "0") {
    hourIndex = 1;
  } else if (fields.size() == 6 && fields[0] == "0" && fields[1] == "0") {
    hourIndex = 2;
  } else {
    return false;
  }
  bool wildcard = false;
  for (const std::string& item : core::splitOn(fields[hourIndex], ',')) {
    if (!isPlainHourItem(item)) return false;
    wildcard = wildcard || item.front() == '*' || item.front() == '?';
  }
  return wildcard;
}

// The job's fixed place in the stagger window: the first four bytes of SHA-256(jobId), big
// endian, modulo the window (as upstream, so a job fires on the same second in both).
std::int64_t staggerOffsetMs(const CronSchedule& cron, const std::string& jobId) {
  const std::int64_t window = cron.staggerMs.value_or(defaultCronStaggerMs(cron.expr));
  if (window <= 1) return 0;
  const std::uint32_t hash =
      static_cast<std::uint32_t>(std::stoul(core::sha256Hex(jobId).substr(0, 8), nullptr, 16));
  return static_cast<std::int64_t>(hash % static_cast<std::uint64_t>(window));
}

std::optional<std::int64_t> nextCronFire(const CronSchedule& cron, std::int64_t afterMs,
                                         const std::string& jobId) {
  const auto expression = CronExpression::parse(cron.expr);
  const auto zone = zoneOf(cron.tz);
  if (!expression.ok() || !zone.ok()) return std::nullopt;
  // The fires are the expression's matches moved later by the offset.
  const std::int64_t offset = staggerOffsetMs(cron, jobId);
  const auto match = expression->nextAfter(afterMs - offset, **zone);
  return match ? std::optional<std::int64_t>(*match + offset) : std::nullopt;
}

}  // namespace

std::int64_t defaultCronStaggerMs(const std::string& expr) {
  return isRecurringTopOfHour(expr) ? kDefaultTopOfHourStaggerMs : 0;
}

protocol::Result<Schedule> parseSchedule(const json& schedule, std::int64_t nowMs) {
  if (!schedule.is_object()) return GatewayError::invalidRequest("schedule: must be an object");
  const auto kind = core::stringField(schedule, "kind");
  if (!kind) return fieldError("kind", "required: \"at\", \"every\" or \"cron\"");
  if (*kind == "at") return parseAt(schedule, nowMs);
  if (*kind == "every") return parseEvery(schedule);
  if (*kind == "cron") return parseCron(schedule);
  if (*kind == "on-exit" || *kind == "stream") {
    return fieldError("kind", "\"" + *kind + "\" is not supported by this gateway");
  }
  return fieldError("kind", "\"" + *kind + "\" is not one of \"at\", \"every\", \"cron\"");
}

json scheduleToJson(const Schedule& schedule) {
  if (const auto* at = std::get_if<AtSchedule>(&schedule)) {
    return {{"kind", "at"}, {"at", at->at}};
  }
  if (const auto* every = std::get_if<EverySchedule>(&schedule)) {
    json out = {{"kind", "every"}, {"everyMs", every->everyMs}};
    if (every->anchorMs) out["anchorMs"] = *every->anchorMs;
    return out;
  }
  const auto& cron = std::get<CronSchedule>(schedule);
  json out = {{"kind", "cron"}, {"expr", cron.expr}};
  if (!cron.tz.empty()) out["tz"] = cron.tz;
  if (cron.staggerMs) out["staggerMs"] = *cron.staggerMs;
  return out;
}

const char* scheduleKind(const Schedule& schedule) {
  if (std::holds_alternative<AtSchedule>(schedule)) return "at";
  if (std::holds_alternative<EverySchedule>(schedule)) return "every";
  return "cron";
}

std::optional<std::int64_t> nextFireAfter(const Schedule& schedule, std::int64_t afterMs,
                                          std::int64_t createdAtMs, const std::string& jobId) {
  if (const auto* at = std::get_if<AtSchedule>(&schedule)) {
    return at->atMs > afterMs ? std::optional<std::int64_t>(at->atMs) : std::nullopt;
  }
  if (const auto* every = std::get_if<EverySchedule>(&schedule)) {
    const std::int64_t anchor = every->anchorMs.value_or(createdAtMs);
    if (afterMs < anchor) return anchor;
    return anchor + ((afterMs - anchor) / every->everyMs + 1) * every->everyMs;
  }
  return nextCronFire(std::get<CronSchedule>(schedule), afterMs, jobId);
}

}  // namespace openclaw::automation
