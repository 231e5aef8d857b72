#include "fleet/cell_registry.h"

#include <functional>
#include <stdexcept>

#include "store/statement.h"

namespace openclaw::fleet {
namespace {

const store::Migration kCellsMigration{.version = 1,
                                       .sql =
                                           "CREATE TABLE cells ("
                                           " tenant TEXT PRIMARY KEY,"
                                           " cell_id TEXT NOT NULL,"
                                           " runtime TEXT NOT NULL,"
                                           " image TEXT NOT NULL,"
                                           " port INTEGER NOT NULL UNIQUE,"
                                           " memory TEXT NOT NULL,"
                                           " cpus TEXT NOT NULL,"
                                           " disk TEXT,"
                                           " network TEXT NOT NULL,"
                                           " pids_limit INTEGER NOT NULL,"
                                           " created_at_ms INTEGER NOT NULL);"};

constexpr const char* kColumns =
    "tenant, cell_id, runtime, image, port, memory, cpus, disk, network, pids_limit, "
    "created_at_ms";

CellRecord readRecord(const store::Statement& row) {
  return CellRecord{.tenant = row.text(0),
                    .cellId = row.text(1),
                    .runtime = parseRuntime(row.text(2)),
                    .image = row.text(3),
                    .port = static_cast<int>(row.integer(4)),
                    .memory = row.text(5),
                    .cpus = row.text(6),
                    .disk = row.optionalText(7),
                    .network = parseNetworkMode(row.text(8)),
                    .pidsLimit = static_cast<int>(row.integer(9)),
                    .createdAtMs = row.integer(10)};
}

}  // namespace

CellRegistry::CellRegistry(const std::filesystem::path& path)
    : database_(path, {kCellsMigration}) {}

std::vector<CellRecord> CellRegistry::all() {
  store::Statement query(
      database_.handle(),
      (std::string("SELECT ") + kColumns + " FROM cells ORDER BY tenant").c_str());
  std::vector<CellRecord> records;
  while (query.step()) records.push_back(readRecord(query));
  return records;
}

std::optional<CellRecord> CellRegistry::find(const std::string& tenant) {
  store::Statement query(
      database_.handle(),
      (std::string("SELECT ") + kColumns + " FROM cells WHERE tenant = ?").c_str());
  query.bind(1, tenant);
  if (!query.step()) return std::nullopt;
  return readRecord(query);
}

std::set<int> CellRegistry::usedPorts() {
  std::set<int> ports;
  for (const CellRecord& record : all()) ports.insert(record.port);
  return ports;
}

void CellRegistry::insert(const CellRecord& record) {
  store::Transaction transaction(database_.handle());
  if (find(record.tenant)) {
    throw std::invalid_argument("tenant " + record.tenant + " already has a cell");
  }
  if (usedPorts().count(record.port) != 0) {
    throw std::invalid_argument("port " + std::to_string(record.port) + " belongs to another cell");
  }
  store::Statement insert(database_.handle(), (std::string("INSERT INTO cells (") + kColumns +
                                               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                                  .c_str());
  insert.bind(1, record.tenant)
      .bind(2, record.cellId)
      .bind(3, runtimeName(record.runtime))
      .bind(4, record.image)
      .bind(5, std::int64_t{record.port})
      .bind(6, record.memory)
      .bind(7, record.cpus)
      .bind(8, record.disk)
      .bind(9, networkModeName(record.network))
      .bind(10, std::int64_t{record.pidsLimit})
      .bind(11, record.createdAtMs);
  insert.run();
  transaction.commit();
}

void CellRegistry::remove(const std::string& tenant) {
  store::Statement statement(database_.handle(), "DELETE FROM cells WHERE tenant = ?");
  statement.bind(1, tenant);
  statement.run();
}

void CellRegistry::setImage(const std::string& tenant, const std::string& image) {
  store::Statement statement(database_.handle(), "UPDATE cells SET image = ? WHERE tenant = ?");
  statement.bind(1, image).bind(2, tenant);
  statement.run();
}

int allocatePort(const std::set<int>& used, std::optional<int> requested,
                 const std::function<bool(int)>& portIsFree) {
  if (requested) {
    if (*requested < 1 || *requested > 65535) {
      throw std::invalid_argument("--port " + std::to_string(*requested) + ": use 1-65535");
    }
    if (used.count(*requested) != 0) {
      throw std::invalid_argument("--port " + std::to_string(*requested) +
                                  " already belongs to another cell");
    }
    return *requested;
  }
  for (int port = kFirstCellPort; port <= 65535; ++port) {
    if (used.count(port) == 0 && portIsFree(port)) return port;
  }
  throw std::invalid_argument("no free port left from " + std::to_string(kFirstCellPort));
}

}  // namespace openclaw::fleet
