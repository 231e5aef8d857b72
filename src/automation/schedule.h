#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "protocol/result.h"

namespace openclaw::automation {

// When a job fires, as upstream's CronJob.schedule (the kinds this gateway runs: "at", "every"
// and "cron"; the others are refused with INVALID_REQUEST naming the field).

// One shot at an absolute instant. `at` keeps the text the caller gave (ISO 8601, echoed back
// as given); atMs is that instant in ms since the epoch (UTC).
struct AtSchedule {
  std::string at;
  std::int64_t atMs = 0;
};

// Every everyMs, counted from anchorMs (the job's creation when absent).
struct EverySchedule {
  std::int64_t everyMs = 0;
  std::optional<std::int64_t> anchorMs;
};

// A 5-field (minute hour day-of-month month day-of-week) or 6-field (with seconds first) cron
// expression, evaluated in `tz` (an IANA zone; empty: the gateway host's zone). staggerMs
// spreads top-of-hour fires of many jobs, as upstream's --stagger.
struct CronSchedule {
  std::string expr;
  std::string tz;
  std::optional<std::int64_t> staggerMs;
};

using Schedule = std::variant<AtSchedule, EverySchedule, CronSchedule>;

// The smallest `every` interval accepted (docs/automation.md). Upstream takes 1 ms; a job is an
// agent turn or a system event, and anything faster than a second only spins the scheduler.
inline constexpr std::int64_t kMinEveryMs = 1000;

// Reads and checks a schedule object of cron.add / cron.update (already valid against upstream's
// schema). INVALID_REQUEST naming the field ("schedule.expr", "schedule.tz", "schedule.at",
// "schedule.everyMs", "schedule.kind") when it cannot fire: a bad expression, an unknown zone,
// an `at` time that does not parse or lies before nowMs, an interval under kMinEveryMs, a kind
// this gateway does not run.
protocol::Result<Schedule> parseSchedule(const nlohmann::json& schedule, std::int64_t nowMs);

// The schedule in upstream's wire shape (the inverse of parseSchedule).
nlohmann::json scheduleToJson(const Schedule& schedule);

// "at" | "every" | "cron".
const char* scheduleKind(const Schedule& schedule);

// Upstream's stagger window for a cron expression without staggerMs: 5 minutes for a recurring
// top-of-hour expression (minute 0, and second 0 in the 6-field form, with a "*" or "*/n" part
// in the hour field: "0 * * * *", "0 */2 * * 1-5"), else 0. Read on the text, as upstream does
// (so "@hourly" is not staggered).
std::int64_t defaultCronStaggerMs(const std::string& expr);

// The first fire strictly after afterMs, or nullopt when there is none (an `at` already past, a
// cron expression that never matches again within 8 years). `createdAtMs` anchors `every`
// schedules without anchorMs; `jobId` seeds the job's fixed offset inside a cron schedule's
// stagger window (so many "0 * * * *" jobs do not all fire on the same second; as upstream,
// recurring top-of-hour expressions get a 5-minute window unless staggerMs says otherwise).
// Cron expressions in a zone with daylight saving behave as croner's: a wall time skipped by
// the spring-forward jump fires as far after the jump as it lay after the gap's start (02:30 in
// a 02:00-03:00 gap fires at 03:30), a wall time that occurs twice (fall back) fires once, at its
// first occurrence.
std::optional<std::int64_t> nextFireAfter(const Schedule& schedule, std::int64_t afterMs,
                                          std::int64_t createdAtMs, const std::string& jobId);

}  // namespace openclaw::automation
