#include "methods/cron_views.h"

#include <algorithm>

#include "core/clock.h"
#include "core/digest.h"
#include "core/json_fields.h"
#include "core/text.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

using automation::CronJob;
using nlohmann::json;

constexpr std::size_t kMaxPage = 200;

bool matchesQuery(const CronJob& job, const std::string& query) {
  if (query.empty()) return true;
  const std::string haystack =
      core::asciiLowercase(job.id + " " + job.name + " " + job.description + " " + job.agentId);
  return haystack.find(query) != std::string::npos;
}

std::string lastRunStatusOf(const CronJob& job) {
  return job.state.lastRunStatus ? automation::runStatusName(*job.state.lastRunStatus) : "unknown";
}

bool matchesFilters(const CronJob& job, const json& params, const std::string& defaultAgentId) {
  std::string enabled = params.value("enabled", "");
  if (enabled.empty()) enabled = params.value("includeDisabled", false) ? "all" : "enabled";
  if (enabled == "enabled" && !job.enabled) return false;
  if (enabled == "disabled" && job.enabled) return false;
  const std::string kind = params.value("scheduleKind", "all");
  if (kind != "all" && kind != automation::scheduleKind(job.schedule)) return false;
  const std::string lastRun = params.value("lastRunStatus", "all");
  if (lastRun != "all" && lastRun != lastRunStatusOf(job)) return false;
  // Every job here is unconditional (condition triggers are not run).
  if (params.value("trigger", "all") == "conditional") return false;
  const std::string agentId = params.value("agentId", "");
  const std::string effective = job.agentId.empty() ? defaultAgentId : job.agentId;
  if (!agentId.empty() && sessions::normalizeAgentId(agentId) != effective) return false;
  return matchesQuery(job, core::asciiLowercase(core::trimmed(params.value("query", ""))));
}

// upstream's order: by the key in sortDir, jobs without a next run after the others whatever
// the direction, ties by id.
void sortJobs(std::vector<const CronJob*>& jobs, const json& params) {
  const std::string sortBy = params.value("sortBy", "nextRunAtMs");
  const bool descending = params.value("sortDir", "asc") == "desc";
  std::stable_sort(jobs.begin(), jobs.end(), [&](const CronJob* a, const CronJob* b) {
    int cmp = 0;
    if (sortBy == "name") {
      const std::string left = core::asciiLowercase(a->name);
      const std::string right = core::asciiLowercase(b->name);
      cmp = left < right ? -1 : (left > right ? 1 : 0);
    } else if (sortBy == "updatedAtMs") {
      cmp = a->updatedAtMs < b->updatedAtMs ? -1 : (a->updatedAtMs > b->updatedAtMs ? 1 : 0);
    } else {
      const auto& left = a->state.nextRunAtMs;
      const auto& right = b->state.nextRunAtMs;
      if (left.has_value() != right.has_value()) return left.has_value();
      if (left && right) cmp = *left < *right ? -1 : (*left > *right ? 1 : 0);
    }
    if (cmp != 0) return descending ? cmp > 0 : cmp < 0;
    return a->id < b->id;
  });
}

json isoOrNull(const std::optional<std::int64_t>& ms) {
  return ms ? json(core::isoTimeUtc(*ms)) : json(nullptr);
}

template <class T>
json orNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// upstream's compact list row.
json compactRow(const CronJob& job) {
  json row = {{"id", job.id}, {"name", job.name}};
  if (!job.agentId.empty()) row["agentId"] = job.agentId;
  row["updatedAtMs"] = job.updatedAtMs;
  row["enabled"] = job.enabled;
  row["nextRunAt"] = isoOrNull(job.state.nextRunAtMs);
  row["nextRunAtMs"] = orNull(job.state.nextRunAtMs);
  row["scheduleKind"] = automation::scheduleKind(job.schedule);
  row["schedule"] = automation::scheduleToJson(job.schedule);
  row["lastRunAt"] = isoOrNull(job.state.lastRunAtMs);
  row["lastRunAtMs"] = orNull(job.state.lastRunAtMs);
  row["lastRunStatus"] = job.state.lastRunStatus
                             ? json(automation::runStatusName(*job.state.lastRunStatus))
                             : json(nullptr);
  row["lastRunError"] = orNull(job.state.lastError);
  if (job.state.runningAtMs) row["runningAtMs"] = *job.state.runningAtMs;
  const json view = automation::jobReadView(job);
  for (const char* key : {"lastDelivered", "lastDeliveryStatus", "lastDeliveryError"}) {
    if (view.contains(key)) row[key] = view[key];
  }
  return row;
}

std::string target(const std::string& channel, const std::string& to) {
  if (channel.empty()) return "last";
  return to.empty() ? channel : channel + ":" + to;
}

}  // namespace

json deliveryPreview(const CronJob& job) {
  const automation::Delivery& delivery = job.delivery;
  switch (delivery.mode) {
    case automation::DeliveryMode::None:
      return {{"label", "not requested"}, {"detail", "not requested"}};
    case automation::DeliveryMode::Webhook:
      return {{"label", "webhook:" + delivery.to}, {"detail", "webhook"}};
    case automation::DeliveryMode::Announce:
      break;
  }
  const bool last = delivery.channel.empty() || delivery.channel == "last";
  return {{"label", "announce -> " + target(last ? "" : delivery.channel, delivery.to)},
          {"detail", last ? "resolved from last when the job runs" : "explicit"}};
}

json cronListPage(const std::vector<const CronJob*>& jobs, const json& params,
                  const std::string& defaultAgentId) {
  std::vector<const CronJob*> matching;
  for (const CronJob* job : jobs) {
    if (matchesFilters(*job, params, defaultAgentId)) matching.push_back(job);
  }
  sortJobs(matching, params);
  // Which inventory the page belongs to (upstream's snapshotRevision): a client reading several
  // pages starts over when it changes between them.
  std::string inventory;
  for (const CronJob* job : matching) inventory += core::compactJson(automation::jobToJson(*job));
  const std::string snapshotRevision = "sha256:" + core::sha256Hex(inventory);
  const std::size_t total = matching.size();
  const std::size_t offset = std::min(total, params.value("offset", std::size_t{0}));
  const std::size_t limit = std::clamp<std::size_t>(
      params.value("limit", total == 0 ? std::size_t{50} : total), 1, kMaxPage);
  const bool compact = params.value("compact", false);
  const bool previews = !compact && params.value("includeDeliveryPreviews", true);
  json rows = json::array();
  json previewsById = json::object();
  const std::size_t end = std::min(total, offset + limit);
  for (std::size_t index = offset; index < end; ++index) {
    const CronJob& job = *matching[index];
    json row = compact ? compactRow(job) : automation::jobReadView(job);
    row["effectiveAgentId"] = job.agentId.empty() ? defaultAgentId : job.agentId;
    rows.push_back(std::move(row));
    if (previews) previewsById[job.id] = deliveryPreview(job);
  }
  json page = {{"jobs", std::move(rows)},
               {"snapshotRevision", snapshotRevision},
               {"total", total},
               {"offset", offset},
               {"limit", limit},
               {"hasMore", end < total},
               {"nextOffset", end < total ? json(end) : json(nullptr)}};
  if (previews) page["deliveryPreviews"] = std::move(previewsById);
  return page;
}

}  // namespace openclaw::methods
