#pragma once

#include <filesystem>
#include <string>
#include <vector>

struct sqlite3;

namespace openclaw::store {

// One step of the schema, owned by the store whose tables it creates or changes. Steps are
// numbered across all stores in the order they shipped (PRAGMA user_version): `version` is the
// schema version a database has after the step. Append new steps with the next number; never
// edit or renumber a shipped one.
struct Migration {
  int version = 0;
  const char* sql = "";
};

// Step 1, the store's own: facts about the instance (creation time, the build that created it).
extern const Migration kInstanceMigration;

// The instance's SQLite database (<stateDir>/openclaw.db) in WAL mode. Opening it applies any
// the steps of `schema` the file lacks, in version order, each in its own transaction, so a crash
// at any point leaves the last committed schema readable. The composition root passes every
// store's steps (daemon/gateway_schema.h). Blocking: open it before the event
// loop starts, or on the worker pool.
class Database {
 public:
  // Throws std::runtime_error naming the file when it cannot be opened or migrated, or when
  // the file's schema is newer than the last step given; std::logic_error for two steps with
  // one version.
  Database(const std::filesystem::path& path, std::vector<Migration> schema);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The schema version the file is at after opening (PRAGMA user_version).
  int schemaVersion() const;

  // Runs one or more SQL statements without results; throws std::runtime_error on failure.
  void execute(const std::string& sql);

  sqlite3* handle() const { return db_; }

 private:
  void migrate(const std::vector<Migration>& schema);

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace openclaw::store
