#include "sessions/session_store.h"

#include "core/json_fields.h"
#include "core/random_ids.h"
#include "store/statement.h"

namespace openclaw::sessions {

const store::Migration kSessionsMigration{
    .version = 3,
    .sql =
        "CREATE TABLE sessions (session_key TEXT PRIMARY KEY,"
        " session_id TEXT NOT NULL UNIQUE, agent_id TEXT NOT NULL,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, label TEXT,"
        " last_channel TEXT, last_to TEXT, last_run_id TEXT);"
        "CREATE TABLE transcript_entries (session_id TEXT NOT NULL, seq INTEGER NOT NULL,"
        " role TEXT NOT NULL, content TEXT NOT NULL, ts INTEGER NOT NULL, run_id TEXT,"
        " PRIMARY KEY (session_id, seq));"};

namespace {

constexpr const char* kColumns =
    "session_key, session_id, agent_id, created_at, updated_at, label, last_channel, last_to,"
    " last_run_id";

SessionRecord recordOf(const store::Statement& row) {
  return {row.text(0),         row.text(1),         row.text(2),
          row.integer(3),      row.integer(4),      row.optionalText(5),
          row.optionalText(6), row.optionalText(7), row.optionalText(8)};
}

std::optional<SessionRecord> findWhere(store::Database& database, const std::string& column,
                                       const std::string& value) {
  const std::string sql =
      std::string("SELECT ") + kColumns + " FROM sessions WHERE " + column + " = ?";
  store::Statement query(database.handle(), sql.c_str());
  query.bind(1, value);
  if (!query.step()) return std::nullopt;
  return recordOf(query);
}

}  // namespace

std::optional<SessionRecord> SessionStore::find(const std::string& key) {
  return findWhere(database_, "session_key", key);
}

std::optional<SessionRecord> SessionStore::findBySessionId(const std::string& sessionId) {
  return findWhere(database_, "session_id", sessionId);
}

std::vector<SessionRecord> SessionStore::list(std::size_t limit) {
  const std::string sql = std::string("SELECT ") + kColumns +
                          " FROM sessions ORDER BY updated_at DESC, session_key LIMIT ?";
  store::Statement query(database_.handle(), sql.c_str());
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<SessionRecord> records;
  while (query.step()) records.push_back(recordOf(query));
  return records;
}

SessionRecord SessionStore::create(const std::string& key, const std::string& agentId,
                                   std::int64_t nowMs) {
  SessionRecord record{key, core::uuidV4(), agentId, nowMs, nowMs, {}, {}, {}, {}};
  store::Statement insert(database_.handle(),
                          "INSERT INTO sessions (session_key, session_id, agent_id, created_at,"
                          " updated_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, key).bind(2, record.sessionId).bind(3, agentId).bind(4, nowMs).bind(5, nowMs);
  insert.run();
  return record;
}

SessionRecord SessionStore::recordUserTurn(const std::string& key, const std::string& agentId,
                                           const std::string& runId, const nlohmann::json& message,
                                           std::int64_t nowMs, const TurnOrigin& origin) {
  store::Transaction transaction(database_.handle());
  std::optional<SessionRecord> record = find(key);
  if (!record) record = create(key, agentId, nowMs);
  append(record->sessionId, runId, message, nowMs);
  if (origin.label || origin.channel || origin.to) {
    store::Statement update(database_.handle(),
                            "UPDATE sessions SET label = COALESCE(?, label),"
                            " last_channel = COALESCE(?, last_channel),"
                            " last_to = COALESCE(?, last_to) WHERE session_key = ?");
    update.bind(1, origin.label).bind(2, origin.channel).bind(3, origin.to).bind(4, key);
    update.run();
    if (origin.label) record->label = origin.label;
    if (origin.channel) record->lastChannel = origin.channel;
    if (origin.to) record->lastTo = origin.to;
  }
  transaction.commit();
  record->updatedAt = nowMs;
  record->lastRunId = runId;
  return *record;
}

bool SessionStore::append(const std::string& sessionId, const std::string& runId,
                          const nlohmann::json& message, std::int64_t nowMs) {
  store::Statement touch(
      database_.handle(),
      "UPDATE sessions SET updated_at = ?, last_run_id = ? WHERE session_id = ?");
  touch.bind(1, nowMs).bind(2, runId).bind(3, sessionId);
  if (touch.run() == 0) return false;
  store::Statement insert(
      database_.handle(),
      "INSERT INTO transcript_entries (session_id, seq, role, content, ts, run_id)"
      " SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5 FROM transcript_entries"
      " WHERE session_id = ?1");
  insert.bind(1, sessionId)
      .bind(2, message.value("role", std::string()))
      .bind(3, core::compactJson(message))
      .bind(4, nowMs)
      .bind(5, runId);
  insert.run();
  return true;
}

std::vector<TranscriptEntry> SessionStore::transcript(const std::string& sessionId,
                                                      std::size_t limit) {
  store::Statement query(database_.handle(),
                         "SELECT seq, run_id, content FROM (SELECT seq, run_id, content FROM"
                         " transcript_entries WHERE session_id = ? ORDER BY seq DESC LIMIT ?)"
                         " ORDER BY seq");
  query.bind(1, sessionId).bind(2, static_cast<std::int64_t>(limit));
  std::vector<TranscriptEntry> entries;
  while (query.step()) {
    entries.push_back({query.integer(0), query.optionalText(1).value_or(""),
                       nlohmann::json::parse(query.text(2), nullptr, false)});
  }
  return entries;
}

SessionRecord SessionStore::reset(const std::string& key, const std::string& agentId,
                                  std::int64_t nowMs) {
  store::Transaction transaction(database_.handle());
  std::optional<SessionRecord> record = find(key);
  if (!record) {
    SessionRecord created = create(key, agentId, nowMs);
    transaction.commit();
    return created;
  }
  record->sessionId = core::uuidV4();
  record->updatedAt = nowMs;
  record->lastRunId.reset();
  store::Statement update(database_.handle(),
                          "UPDATE sessions SET session_id = ?, updated_at = ?, last_run_id = NULL"
                          " WHERE session_key = ?");
  update.bind(1, record->sessionId).bind(2, nowMs).bind(3, key);
  update.run();
  transaction.commit();
  return *record;
}

bool SessionStore::remove(const std::string& key) {
  store::Transaction transaction(database_.handle());
  std::optional<SessionRecord> record = find(key);
  if (!record) return false;
  store::Statement entries(database_.handle(),
                           "DELETE FROM transcript_entries WHERE session_id = ?");
  entries.bind(1, record->sessionId);
  entries.run();
  store::Statement session(database_.handle(), "DELETE FROM sessions WHERE session_key = ?");
  session.bind(1, key);
  session.run();
  transaction.commit();
  return true;
}

}  // namespace openclaw::sessions
