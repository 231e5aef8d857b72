#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fleet/cell_spec.h"
#include "store/database.h"

namespace openclaw::fleet {

// One registered cell. The gateway token is deliberately not here: it lives only in the
// container's environment.
struct CellRecord {
  std::string tenant;
  std::string cellId;
  Runtime runtime = Runtime::Docker;
  std::string image;
  int port = 0;
  std::string memory;
  std::string cpus;
  std::optional<std::string> disk;
  NetworkMode network = NetworkMode::Bridge;
  int pidsLimit = 0;
  std::int64_t createdAtMs = 0;
};

// The cells of one OpenClaw instance, in <stateDir>/fleet/fleet.sqlite. A database of its own
// rather than a table in the gateway's openclaw.db: the gateway refuses a database whose schema
// is newer than its own, so a fleet step there would tie every gateway build to fleet's tables,
// and fleet runs beside a live gateway without touching its file.
class CellRegistry {
 public:
  explicit CellRegistry(const std::filesystem::path& path);

  // In tenant order.
  std::vector<CellRecord> all();
  std::optional<CellRecord> find(const std::string& tenant);
  std::set<int> usedPorts();
  // Throws std::invalid_argument when the tenant or the port is already registered (the
  // database's constraints decide, so two concurrent creates cannot both win).
  void insert(const CellRecord& record);
  void remove(const std::string& tenant);
  void setImage(const std::string& tenant, const std::string& image);

 private:
  store::Database database_;
};

// Picks the cell's host port. A requested port must not belong to another cell; without one, the
// first port from 19100 up that no cell uses and `portIsFree` accepts. Throws
// std::invalid_argument when the request is taken or nothing is left.
int allocatePort(const std::set<int>& used, std::optional<int> requested,
                 const std::function<bool(int)>& portIsFree);

inline constexpr int kFirstCellPort = 19100;

}  // namespace openclaw::fleet
