#pragma once

#include <string>
#include <vector>

#include "fleet/cell_registry.h"
#include "fleet/runtime_cli.h"

namespace openclaw::fleet {

// One result of `fleet doctor`.
struct Finding {
  enum class Level { Ok, Warn, Fail };
  Level level = Level::Ok;
  std::string check;   // e.g. "ownership", "capabilities"
  std::string detail;  // what was found
};
std::string levelName(Finding::Level level);

// What `fleet doctor` knows about a cell besides its inspection, gathered by the caller.
struct CellFacts {
  std::string health;          // ok, failed or skipped (as in status)
  std::string dataDirProblem;  // empty when the cell dir exists and is owner-only
};

// Audits a cell from its registry row, its `container inspect` and the facts: ownership, state,
// health, the security profile (capabilities, no-new-privileges, privileged, network, limits,
// loopback-only port), the token's presence and the data dir. Read-only and pure, so the rules
// are tested on inspect output of both runtimes.
std::vector<Finding> auditCell(const CellRecord& record, const Inspection& inspection,
                               const CellFacts& facts);

}  // namespace openclaw::fleet
