#pragma once

#include <filesystem>
#include <string>

struct sqlite3;

namespace openclaw::store {

// The instance's SQLite database (<stateDir>/openclaw.db) in WAL mode. Opening it applies any
// schema migrations this build knows and the file lacks, each in its own transaction, so a crash
// at any point leaves the last committed schema readable. Blocking: open it before the event
// loop starts, or on the worker pool.
class Database {
 public:
  // Throws std::runtime_error naming the file when it cannot be opened or migrated.
  explicit Database(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The schema version the file is at after opening (PRAGMA user_version).
  int schemaVersion() const;

  // Runs one or more SQL statements without results; throws std::runtime_error on failure.
  void execute(const std::string& sql);

  sqlite3* handle() const { return db_; }

 private:
  void migrate();

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace openclaw::store
