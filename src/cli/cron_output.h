#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace openclaw::cli {

// What `openclaw cron` prints for people (without --json). Jobs and run entries are in
// upstream's wire shape (CronJob, CronRunLogEntry); missing fields print as "-".

// "running", "disabled", the last run's status ("ok", "error", "skipped") or "idle": the
// `status` that `cron list --json` and `cron show --json` add to each job, as upstream.
std::string cronJobStatus(const nlohmann::json& job);

// A job or a cron.list answer with `status` added to the job(s).
nlohmann::json withCronStatus(nlohmann::json value);

// "at 2026-01-02 03:04Z", "every 1h30m", "cron 0 7 * * * @ Europe/Berlin (exact)".
std::string describeSchedule(const nlohmann::json& schedule);

// "in 5m", "2h ago", "<1m ago"; "-" without a time.
std::string relativeTime(const nlohmann::json& ms, std::int64_t nowMs);

// `cron list`: one row per job (ID, Name, Schedule, Next, Last, Status, Target, Agent, Model),
// columns as wide as their widest cell up to a cap; "No automations." for none.
std::string cronListTable(const nlohmann::json& jobs, std::int64_t nowMs);

// `cron show`: one "key: value" line per fact of the job.
std::string cronShowText(const nlohmann::json& job, std::int64_t nowMs);

// A cron.runs answer with readable times added to each entry (tsIso, runAtIso, nextRunAtIso,
// ISO 8601 UTC), as upstream's CLI adds them; the wire fields are kept as they are.
nlohmann::json withRunTimes(nlohmann::json runs);

}  // namespace openclaw::cli
