#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>

#include "cli/cron_add_options.h"

namespace openclaw::cli {

// cron.add params (upstream's CronAddParams) for `openclaw cron create`: the schedule from the
// positional shorthand or --at/--every/--cron (a relative --at becomes an absolute ISO time
// measured from nowMs), the payload, the session target (inferred from the payload when
// --session is not given), wake mode and delivery. Throws CronUsageError naming the flags for a
// combination the gateway could not run.
nlohmann::json cronAddParams(const CronAddOptions& options, std::int64_t nowMs);

// The cron.update patch for `openclaw cron edit`: only what the flags change (null clears).
// Some changes depend on the stored job (--tz or --stagger alone keep its cron expression,
// --cron alone keeps its zone, --timeout-seconds alone needs its payload kind): `existingJob`
// fetches it (cron.get) and is called at most once, only then. Throws CronUsageError.
nlohmann::json cronEditPatch(const CronEditOptions& options, std::int64_t nowMs,
                             const std::function<nlohmann::json()>& existingJob);

}  // namespace openclaw::cli
