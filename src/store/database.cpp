#include "store/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

#include "channels/store/channel_store.h"
#include "core/files.h"

namespace openclaw::store {
namespace {

// Each entry moves the schema from version N to N+1. Append only; never edit a shipped step.
const std::array kMigrations = {
    // 1: facts about the instance itself (creation time, the build that created it).
    "CREATE TABLE instance_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT INTO instance_meta (key, value) VALUES"
    " ('created_at_ms', CAST(strftime('%s','now') AS INTEGER) * 1000),"
    " ('created_by_version', '" OPENCLAW_VERSION "');",
    // 2: device pairing. Lists (roles, scopes) are JSON arrays; tokens are SHA-256 hashes only.
    "CREATE TABLE paired_devices (device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL,"
    " display_name TEXT, platform TEXT, device_family TEXT, client_id TEXT, client_mode TEXT,"
    " roles TEXT NOT NULL, scopes TEXT NOT NULL, remote_ip TEXT, label TEXT,"
    " created_at_ms INTEGER NOT NULL, approved_at_ms INTEGER NOT NULL);"
    "CREATE TABLE pending_pairings (request_id TEXT PRIMARY KEY, device_id TEXT NOT NULL,"
    " public_key TEXT NOT NULL, display_name TEXT, platform TEXT, device_family TEXT,"
    " client_id TEXT, client_mode TEXT, role TEXT NOT NULL, scopes TEXT NOT NULL,"
    " remote_ip TEXT, is_repair INTEGER NOT NULL, ts INTEGER NOT NULL);"
    "CREATE TABLE device_tokens (device_id TEXT NOT NULL, role TEXT NOT NULL,"
    " token_hash TEXT NOT NULL, scopes TEXT NOT NULL, issued_at_ms INTEGER NOT NULL,"
    " rotated_at_ms INTEGER, revoked_at_ms INTEGER, PRIMARY KEY (device_id, role));",
    // 3: agent sessions (one row per session key; a reset gives the key a new session_id) and
    // their transcripts (entries in upstream's message shape, numbered per session_id).
    "CREATE TABLE sessions (session_key TEXT PRIMARY KEY, session_id TEXT NOT NULL UNIQUE,"
    " agent_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    " label TEXT, last_channel TEXT, last_to TEXT, last_run_id TEXT);"
    "CREATE TABLE transcript_entries (session_id TEXT NOT NULL, seq INTEGER NOT NULL,"
    " role TEXT NOT NULL, content TEXT NOT NULL, ts INTEGER NOT NULL, run_id TEXT,"
    " PRIMARY KEY (session_id, seq));",
    // 4: what a node.pair.request said beyond the device facts (JSON object; NULL for requests
    // made by a connect).
    "ALTER TABLE pending_pairings ADD COLUMN node_facts TEXT;",
    // 5: messaging channels (channels/store/channel_store.cpp).
    channels::kChannelsMigration,
};

// SQLite creates a new database 0644 (less the umask) and gives its -wal, -shm and -journal
// files the database's mode: an empty owner-only file made first keeps every one of them
// private, whatever the directory allows. An existing file is left as it is.
void createOwnerOnly(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);  // on failure, sqlite3_open_v2 reports the reason
}

}  // namespace

Database::Database(const std::filesystem::path& path) : path_(path) {
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
    migrate();
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

void Database::migrate() {
  const int current = schemaVersion();
  if (current > static_cast<int>(kMigrations.size())) {
    throw std::runtime_error("database " + path_.string() + " has schema version " +
                             std::to_string(current) + ", newer than this build understands (" +
                             std::to_string(kMigrations.size()) + "); upgrade openclaw");
  }
  for (int version = current; version < static_cast<int>(kMigrations.size()); ++version) {
    execute("BEGIN IMMEDIATE;");
    try {
      execute(kMigrations[static_cast<std::size_t>(version)]);
      execute("PRAGMA user_version = " + std::to_string(version + 1) + ";");
      execute("COMMIT;");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

}  // namespace openclaw::store
