#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "automation/cron_job.h"

namespace openclaw::methods {

// What cron.list and cron.add show of jobs, in upstream's shapes.

// cron.list's answer for `jobs` (in creation order) and its params (upstream CronListParams):
// filtered (enabled/includeDisabled, scheduleKind, lastRunStatus, agentId, query), sorted
// (sortBy nextRunAtMs|updatedAtMs|name, sortDir; jobs without a next run last, ties by id) and
// paged (limit 1..200, by default every job; offset clamped to the total):
// {jobs, total, offset, limit, hasMore, nextOffset, deliveryPreviews?}. Each job is its read view
// (or upstream's compact row with `compact`) with effectiveAgentId.
nlohmann::json cronListPage(const std::vector<const automation::CronJob*>& jobs,
                            const nlohmann::json& params, const std::string& defaultAgentId);

// upstream's CronDeliveryPreview {label, detail} of where a job's output goes, from the job
// alone (the route of "last" is only known when the job runs).
nlohmann::json deliveryPreview(const automation::CronJob& job);

}  // namespace openclaw::methods
