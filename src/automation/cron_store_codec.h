#pragma once

#include <nlohmann/json.hpp>

#include "automation/cron_job.h"

namespace openclaw::automation {

// How cron_store keeps a job and a run record in a JSON column: every field, in a storage shape
// of its own (not the wire shape: the wire conversions drop and default things, and a stored row
// must read back exactly). Reading throws nlohmann::json::exception on a malformed row.
nlohmann::json storedJob(const CronJob& job);
CronJob jobFromStored(const nlohmann::json& stored);

// The schedule part alone (two schedules are the same when these are equal).
nlohmann::json storedSchedule(const Schedule& schedule);

nlohmann::json storedRunRecord(const JobRunRecord& record);
JobRunRecord runRecordFromStored(const nlohmann::json& stored);

}  // namespace openclaw::automation
