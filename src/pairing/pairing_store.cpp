#include "pairing/pairing_store.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace openclaw::pairing {

const store::Migration kPairingMigrations[3] = {
    {.version = 2,
     .sql = "CREATE TABLE paired_devices (device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL,"
            " display_name TEXT, platform TEXT, device_family TEXT, client_id TEXT,"
            " client_mode TEXT, roles TEXT NOT NULL, scopes TEXT NOT NULL, remote_ip TEXT,"
            " label TEXT, created_at_ms INTEGER NOT NULL, approved_at_ms INTEGER NOT NULL);"
            "CREATE TABLE pending_pairings (request_id TEXT PRIMARY KEY,"
            " device_id TEXT NOT NULL, public_key TEXT NOT NULL, display_name TEXT,"
            " platform TEXT, device_family TEXT, client_id TEXT, client_mode TEXT,"
            " role TEXT NOT NULL, scopes TEXT NOT NULL, remote_ip TEXT,"
            " is_repair INTEGER NOT NULL, ts INTEGER NOT NULL);"
            "CREATE TABLE device_tokens (device_id TEXT NOT NULL, role TEXT NOT NULL,"
            " token_hash TEXT NOT NULL, scopes TEXT NOT NULL, issued_at_ms INTEGER NOT NULL,"
            " rotated_at_ms INTEGER, revoked_at_ms INTEGER, PRIMARY KEY (device_id, role));"},
    // NULL for requests made by a connect.
    {.version = 4, .sql = "ALTER TABLE pending_pairings ADD COLUMN node_facts TEXT;"},
    {.version = 7,
     .sql = "ALTER TABLE paired_devices ADD COLUMN last_seen_at_ms INTEGER;"
            "ALTER TABLE paired_devices ADD COLUMN last_seen_reason TEXT;"},
};

namespace {

// One prepared statement; binds by 1-based position and reads columns by 0-based index.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(const std::string& value) {
    check(sqlite3_bind_text(statement_, ++position_, value.c_str(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(const std::optional<std::string>& value) {
    if (!value) {
      check(sqlite3_bind_null(statement_, ++position_));
      return *this;
    }
    return bind(*value);
  }
  Statement& bind(const std::vector<std::string>& values) {
    return bind(nlohmann::json(values).dump());
  }
  Statement& bind(std::int64_t value) {
    check(sqlite3_bind_int64(statement_, ++position_, value));
    return *this;
  }
  Statement& bind(const std::optional<std::int64_t>& value) {
    if (!value) {
      check(sqlite3_bind_null(statement_, ++position_));
      return *this;
    }
    return bind(*value);
  }

  // True while a row is available.
  bool step() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result != SQLITE_DONE) fail();
    return false;
  }
  void run() { step(); }

  std::string text(int column) const {
    const auto* value = sqlite3_column_text(statement_, column);
    return value ? reinterpret_cast<const char*>(value) : "";
  }
  std::optional<std::string> optionalText(int column) const {
    if (sqlite3_column_type(statement_, column) == SQLITE_NULL) return std::nullopt;
    return text(column);
  }
  std::vector<std::string> list(int column) const {
    return nlohmann::json::parse(text(column)).get<std::vector<std::string>>();
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  std::optional<std::int64_t> optionalInteger(int column) const {
    if (sqlite3_column_type(statement_, column) == SQLITE_NULL) return std::nullopt;
    return integer(column);
  }

 private:
  void check(int result) const {
    if (result != SQLITE_OK) fail();
  }
  [[noreturn]] void fail() const {
    throw std::runtime_error(std::string("pairing store: ") + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  int position_ = 0;
};

std::optional<std::string> nodeFactsText(const std::optional<NodeRequestFacts>& facts) {
  if (!facts) return std::nullopt;
  nlohmann::json out = {
      {"caps", facts->caps}, {"commands", facts->commands}, {"silent", facts->silent}};
  if (facts->version) out["version"] = *facts->version;
  if (facts->modelIdentifier) out["modelIdentifier"] = *facts->modelIdentifier;
  return out.dump();
}

std::optional<NodeRequestFacts> nodeFactsFrom(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const nlohmann::json in = nlohmann::json::parse(*text);
  NodeRequestFacts facts;
  if (in.contains("version")) facts.version = in.at("version").get<std::string>();
  if (in.contains("modelIdentifier")) {
    facts.modelIdentifier = in.at("modelIdentifier").get<std::string>();
  }
  facts.caps = in.value("caps", std::vector<std::string>{});
  facts.commands = in.value("commands", std::vector<std::string>{});
  facts.silent = in.value("silent", false);
  return facts;
}

void upsertDevice(sqlite3* db, const PairedDevice& device) {
  Statement(db,
            "INSERT OR REPLACE INTO paired_devices (device_id, public_key, display_name, platform,"
            " device_family, client_id, client_mode, roles, scopes, remote_ip, label,"
            " created_at_ms, approved_at_ms, last_seen_at_ms, last_seen_reason)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(device.deviceId)
      .bind(device.publicKey)
      .bind(device.displayName)
      .bind(device.platform)
      .bind(device.deviceFamily)
      .bind(device.clientId)
      .bind(device.clientMode)
      .bind(device.roles)
      .bind(device.scopes)
      .bind(device.remoteIp)
      .bind(device.label)
      .bind(device.createdAtMs)
      .bind(device.approvedAtMs)
      .bind(device.lastSeenAtMs)
      .bind(device.lastSeenReason)
      .run();
}

void upsertPending(sqlite3* db, const PendingPairing& request) {
  Statement(db,
            "INSERT OR REPLACE INTO pending_pairings (request_id, device_id, public_key,"
            " display_name, platform, device_family, client_id, client_mode, role, scopes,"
            " remote_ip, is_repair, ts, node_facts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(request.requestId)
      .bind(request.deviceId)
      .bind(request.publicKey)
      .bind(request.displayName)
      .bind(request.platform)
      .bind(request.deviceFamily)
      .bind(request.clientId)
      .bind(request.clientMode)
      .bind(request.role)
      .bind(request.scopes)
      .bind(request.remoteIp)
      .bind(std::int64_t{request.isRepair ? 1 : 0})
      .bind(request.ts)
      .bind(nodeFactsText(request.nodeFacts))
      .run();
}

void upsertToken(sqlite3* db, const DeviceTokenRecord& token) {
  Statement(db,
            "INSERT OR REPLACE INTO device_tokens (device_id, role, token_hash, scopes,"
            " issued_at_ms, rotated_at_ms, revoked_at_ms) VALUES (?,?,?,?,?,?,?)")
      .bind(token.deviceId)
      .bind(token.role)
      .bind(token.tokenHash)
      .bind(token.scopes)
      .bind(token.issuedAtMs)
      .bind(token.rotatedAtMs)
      .bind(token.revokedAtMs)
      .run();
}

}  // namespace

PairingSnapshot PairingStore::load() {
  sqlite3* db = database_.handle();
  PairingSnapshot snapshot;
  Statement devices(db,
                    "SELECT device_id, public_key, display_name, platform, device_family,"
                    " client_id, client_mode, roles, scopes, remote_ip, label, created_at_ms,"
                    " approved_at_ms, last_seen_at_ms, last_seen_reason FROM paired_devices"
                    " ORDER BY approved_at_ms");
  while (devices.step()) {
    snapshot.devices.push_back({devices.text(0), devices.text(1), devices.optionalText(2),
                                devices.optionalText(3), devices.optionalText(4),
                                devices.optionalText(5), devices.optionalText(6), devices.list(7),
                                devices.list(8), devices.optionalText(9), devices.optionalText(10),
                                devices.integer(11), devices.integer(12),
                                devices.optionalInteger(13), devices.optionalText(14)});
  }
  Statement pending(db,
                    "SELECT request_id, device_id, public_key, display_name, platform,"
                    " device_family, client_id, client_mode, role, scopes, remote_ip, is_repair,"
                    " ts, node_facts FROM pending_pairings ORDER BY ts");
  while (pending.step()) {
    snapshot.pending.push_back(
        {pending.text(0), pending.text(1), pending.text(2), pending.optionalText(3),
         pending.optionalText(4), pending.optionalText(5), pending.optionalText(6),
         pending.optionalText(7), pending.text(8), pending.list(9), pending.optionalText(10),
         pending.integer(11) != 0, pending.integer(12), nodeFactsFrom(pending.optionalText(13))});
  }
  Statement tokens(db,
                   "SELECT device_id, role, token_hash, scopes, issued_at_ms, rotated_at_ms,"
                   " revoked_at_ms FROM device_tokens");
  while (tokens.step()) {
    snapshot.tokens.push_back({tokens.text(0), tokens.text(1), tokens.text(2), tokens.list(3),
                               tokens.integer(4), tokens.optionalInteger(5),
                               tokens.optionalInteger(6)});
  }
  return snapshot;
}

void PairingStore::apply(const PairingWrite& write) {
  sqlite3* db = database_.handle();
  database_.execute("BEGIN IMMEDIATE;");
  try {
    for (const auto& device : write.upsertDevices) upsertDevice(db, device);
    for (const auto& deviceId : write.deleteDevices) {
      Statement(db, "DELETE FROM device_tokens WHERE device_id = ?").bind(deviceId).run();
      Statement(db, "DELETE FROM paired_devices WHERE device_id = ?").bind(deviceId).run();
    }
    for (const auto& request : write.upsertPending) upsertPending(db, request);
    for (const auto& requestId : write.deletePending) {
      Statement(db, "DELETE FROM pending_pairings WHERE request_id = ?").bind(requestId).run();
    }
    for (const auto& token : write.upsertTokens) upsertToken(db, token);
    for (const auto& [deviceId, role] : write.deleteTokens) {
      Statement(db, "DELETE FROM device_tokens WHERE device_id = ? AND role = ?")
          .bind(deviceId)
          .bind(role)
          .run();
    }
    database_.execute("COMMIT;");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace openclaw::pairing
