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

const store::Migration kSessionSettingsMigration{
    .version = 6,
    .sql =
        "ALTER TABLE sessions ADD COLUMN model TEXT;"
        "ALTER TABLE sessions ADD COLUMN thinking_level TEXT;"};

namespace {

constexpr const char* kColumns =
    "session_key, session_id, agent_id, created_at, updated_at, label, last_channel, last_to,"
    " last_run_id, model, thinking_level";

SessionRecord recordOf(const store::Statement& row) {
  return {row.text(0),         row.text(1),         row.text(2),         row.integer(3),
          row.integer(4),      row.optionalText(5), row.optionalText(6), row.optionalText(7),
          row.optionalText(8), row.optionalText(9), row.optionalText(10)};
}

TranscriptEntry entryOf(const store::Statement& row) {
  return {row.integer(0), row.optionalText(1).value_or(""),
          nlohmann::json::parse(row.text(2), nullptr, false)};
}

// `text` with LIKE's wildcards escaped (ESCAPE '\\').
std::string likePattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
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

std::vector<SessionRecord> SessionStore::list(const ListFilter& filter) {
  const std::string sql =
      std::string("SELECT ") + kColumns +
      " FROM sessions WHERE (?1 IS NULL OR agent_id = ?1)"
      " AND (?2 IS NULL OR session_key LIKE ?2 ESCAPE '\\' OR label LIKE ?2 ESCAPE '\\')"
      " AND (?3 IS NULL OR updated_at >= ?3) AND (?6 IS NULL OR label = ?6)"
      " ORDER BY updated_at DESC, session_key LIMIT ?4 OFFSET ?5";
  store::Statement query(database_.handle(), sql.c_str());
  query.bind(1, filter.agentId);
  query.bind(
      2, filter.search ? std::optional<std::string>(likePattern(*filter.search)) : std::nullopt);
  if (filter.updatedSince) query.bind(3, *filter.updatedSince);
  query.bind(4, static_cast<std::int64_t>(filter.limit));
  query.bind(5, static_cast<std::int64_t>(filter.offset));
  query.bind(6, filter.label);
  std::vector<SessionRecord> records;
  while (query.step()) records.push_back(recordOf(query));
  return records;
}

SessionRecord SessionStore::create(const std::string& key, const std::string& agentId,
                                   std::int64_t nowMs) {
  SessionRecord record{key, core::uuidV4(), agentId, nowMs, nowMs, {}, {}, {}, {}, {}, {}};
  store::Statement insert(database_.handle(),
                          "INSERT INTO sessions (session_key, session_id, agent_id, created_at,"
                          " updated_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, key).bind(2, record.sessionId).bind(3, agentId).bind(4, nowMs).bind(5, nowMs);
  insert.run();
  return record;
}

UserTurn SessionStore::recordUserTurn(const std::string& key, const std::string& agentId,
                                      const std::string& runId, const nlohmann::json& message,
                                      std::int64_t nowMs, const TurnOrigin& origin) {
  store::Transaction transaction(database_.handle());
  std::optional<SessionRecord> record = find(key);
  const bool created = !record;
  if (created) record = create(key, agentId, nowMs);
  const std::int64_t seq = append(record->sessionId, runId, message, nowMs).value_or(0);
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
  return {*record, created, seq};
}

std::optional<std::int64_t> SessionStore::append(const std::string& sessionId,
                                                 const std::string& runId,
                                                 const nlohmann::json& message,
                                                 std::int64_t nowMs) {
  store::Statement touch(
      database_.handle(),
      "UPDATE sessions SET updated_at = ?, last_run_id = ? WHERE session_id = ?");
  touch.bind(1, nowMs).bind(2, runId).bind(3, sessionId);
  if (touch.run() == 0) return std::nullopt;
  store::Statement insert(
      database_.handle(),
      "INSERT INTO transcript_entries (session_id, seq, role, content, ts, run_id)"
      " SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5 FROM transcript_entries"
      " WHERE session_id = ?1 RETURNING seq");
  insert.bind(1, sessionId)
      .bind(2, message.value("role", std::string()))
      .bind(3, core::compactJson(message))
      .bind(4, nowMs)
      .bind(5, runId);
  insert.step();
  return insert.integer(0);
}

std::vector<TranscriptEntry> SessionStore::transcript(const std::string& sessionId,
                                                      std::size_t limit) {
  store::Statement query(database_.handle(),
                         "SELECT seq, run_id, content FROM (SELECT seq, run_id, content FROM"
                         " transcript_entries WHERE session_id = ? ORDER BY seq DESC LIMIT ?)"
                         " ORDER BY seq");
  query.bind(1, sessionId).bind(2, static_cast<std::int64_t>(limit));
  std::vector<TranscriptEntry> entries;
  while (query.step()) entries.push_back(entryOf(query));
  return entries;
}

std::optional<TranscriptEntry> SessionStore::entry(const std::string& sessionId, std::int64_t seq) {
  store::Statement query(database_.handle(),
                         "SELECT seq, run_id, content FROM transcript_entries"
                         " WHERE session_id = ? AND seq = ?");
  query.bind(1, sessionId).bind(2, seq);
  if (!query.step()) return std::nullopt;
  return entryOf(query);
}

std::optional<TranscriptEntry> SessionStore::firstEntry(const std::string& sessionId,
                                                        const std::string& role) {
  store::Statement query(database_.handle(),
                         "SELECT seq, run_id, content FROM transcript_entries"
                         " WHERE session_id = ? AND role = ? ORDER BY seq LIMIT 1");
  query.bind(1, sessionId).bind(2, role);
  if (!query.step()) return std::nullopt;
  return entryOf(query);
}

SessionRecord SessionStore::patch(const std::string& key, const std::string& agentId,
                                  const SessionPatch& patch, std::int64_t nowMs) {
  store::Transaction transaction(database_.handle());
  std::optional<SessionRecord> record = find(key);
  if (!record) record = create(key, agentId, nowMs);
  if (patch.label) record->label = *patch.label;
  if (patch.model) record->model = *patch.model;
  if (patch.thinkingLevel) record->thinkingLevel = *patch.thinkingLevel;
  record->updatedAt = nowMs;
  store::Statement update(database_.handle(),
                          "UPDATE sessions SET label = ?, model = ?, thinking_level = ?,"
                          " updated_at = ? WHERE session_key = ?");
  update.bind(1, record->label)
      .bind(2, record->model)
      .bind(3, record->thinkingLevel)
      .bind(4, nowMs)
      .bind(5, key);
  update.run();
  transaction.commit();
  return *record;
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
