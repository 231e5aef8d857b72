#include "store/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "core/files.h"

namespace openclaw::store {
namespace {

// SQLite creates a new database 0644 (less the umask) and gives its -wal, -shm and -journal
// files the database's mode: an empty owner-only file made first keeps every one of them
// private, whatever the directory allows. An existing file is left as it is.
void createOwnerOnly(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);  // on failure, sqlite3_open_v2 reports the reason
}

// `schema` in version order; std::logic_error when two steps share a version.
std::vector<Migration> inVersionOrder(std::vector<Migration> schema) {
  std::sort(schema.begin(), schema.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  const auto repeated = std::adjacent_find(
      schema.begin(), schema.end(),
      [](const Migration& a, const Migration& b) { return a.version == b.version; });
  if (repeated != schema.end()) {
    throw std::logic_error("two schema steps have version " + std::to_string(repeated->version));
  }
  return schema;
}

}  // namespace

const Migration kInstanceMigration{
    .version = 1,
    .sql =
        "CREATE TABLE instance_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO instance_meta (key, value) VALUES"
        " ('created_at_ms', CAST(strftime('%s','now') AS INTEGER) * 1000),"
        " ('created_by_version', '" OPENCLAW_VERSION "');"};

Database::Database(const std::filesystem::path& path, std::vector<Migration> schema) : path_(path) {
  schema = inVersionOrder(std::move(schema));
  core::ensurePrivateDir(path.parent_path());
  createOwnerOnly(path);
  if (sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("cannot open database " + path.string() + ": " + reason);
  }
  sqlite3_busy_timeout(db_, 5000);
  try {
    // synchronous first: on a new database the switch to WAL is itself a (rollback-journal)
    // transaction, and under the default FULL it syncs the journal twice; under NORMAL once.
    execute("PRAGMA synchronous=NORMAL; PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
    migrate(schema);
  } catch (...) {
    sqlite3_close(db_);  // the destructor does not run for a constructor that throws
    db_ = nullptr;
    throw;
  }
}

Database::~Database() { sqlite3_close(db_); }

void Database::execute(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string reason = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("database " + path_.string() + ": " + reason);
  }
}

int Database::schemaVersion() const {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &statement, nullptr);
  const int version = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : 0;
  sqlite3_finalize(statement);
  return version;
}

void Database::migrate(const std::vector<Migration>& schema) {
  const int current = schemaVersion();
  const int latest = schema.empty() ? 0 : schema.back().version;
  if (current > latest) {
    throw std::runtime_error("database " + path_.string() + " has schema version " +
                             std::to_string(current) + ", newer than this build understands (" +
                             std::to_string(latest) + "); upgrade openclaw");
  }
  for (const Migration& step : schema) {
    if (step.version <= current) continue;
    execute("BEGIN IMMEDIATE;");
    try {
      execute(step.sql);
      execute("PRAGMA user_version = " + std::to_string(step.version) + ";");
      execute("COMMIT;");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

}  // namespace openclaw::store
