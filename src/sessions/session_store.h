#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace openclaw::sessions {

// The sessions' schema step (3): one row per session key (a reset gives the key a new
// session_id) and their transcripts (entries in upstream's message shape, numbered per
// session_id).
extern const store::Migration kSessionsMigration;
// Step 6: per-session settings chosen by operators (sessions.patch): model and thinking level.
extern const store::Migration kSessionSettingsMigration;

// One conversation slot: a session key and the session (transcript) currently behind it.
struct SessionRecord {
  std::string key;
  std::string sessionId;
  std::string agentId;
  std::int64_t createdAt = 0;
  std::int64_t updatedAt = 0;
  std::optional<std::string> label;
  std::optional<std::string> lastChannel;
  std::optional<std::string> lastTo;
  std::optional<std::string> lastRunId;
  std::optional<std::string> model;          // "provider/model" chosen for this session
  std::optional<std::string> thinkingLevel;  // as patched; the agent path has no thinking
};

// Which sessions list() returns; most recently updated first.
struct ListFilter {
  std::optional<std::string> agentId;
  std::optional<std::string> label;          // exactly this label
  std::optional<std::string> search;         // case-insensitive substring of the key or label
  std::optional<std::int64_t> updatedSince;  // updated_at >= this (ms)
  std::size_t limit = 500;
  std::size_t offset = 0;
};

// A change to a session's operator settings: an outer nullopt leaves the field, an inner
// nullopt clears it.
struct SessionPatch {
  std::optional<std::optional<std::string>> label;
  std::optional<std::optional<std::string>> model;
  std::optional<std::optional<std::string>> thinkingLevel;
};

// What recording a user turn did.
struct UserTurn {
  SessionRecord session;
  bool created = false;  // the key had no session before
  std::int64_t seq = 0;  // the user message's position in the transcript
};

// Facts about who a turn came from, remembered on its session when given.
struct TurnOrigin {
  std::optional<std::string> label;    // the session's display label
  std::optional<std::string> channel;  // where the sender is (e.g. "whatsapp")
  std::optional<std::string> to;       // the sender / reply target
};

struct TranscriptEntry {
  std::int64_t seq = 0;  // 1-based position in its session
  std::string runId;
  nlohmann::json message;  // upstream's message shape (sessions/transcript_message.h)
};

// Sessions and transcripts in the instance database. Blocking: use only on
// GatewayRuntime::storage (one thread), which orders every read after the writes queued before it.
class SessionStore {
 public:
  explicit SessionStore(store::Database& database) : database_(database) {}

  std::optional<SessionRecord> find(const std::string& key);
  std::optional<SessionRecord> findBySessionId(const std::string& sessionId);
  std::vector<SessionRecord> list(const ListFilter& filter);

  // Appends a run's user message to the key's session, creating the session when the key has
  // none, and records the origin's facts that are set, in one transaction.
  UserTurn recordUserTurn(const std::string& key, const std::string& agentId,
                          const std::string& runId, const nlohmann::json& message,
                          std::int64_t nowMs, const TurnOrigin& origin = {});
  // Appends to session `sessionId` and returns the entry's seq; nullopt (nothing written) when
  // that session is no longer current for any key (reset or deleted meanwhile).
  std::optional<std::int64_t> append(const std::string& sessionId, const std::string& runId,
                                     const nlohmann::json& message, std::int64_t nowMs);
  // The newest `limit` entries of a session, oldest first.
  std::vector<TranscriptEntry> transcript(const std::string& sessionId, std::size_t limit);
  // The entry at `seq` of a session.
  std::optional<TranscriptEntry> entry(const std::string& sessionId, std::int64_t seq);
  // The session's first entry with `role`.
  std::optional<TranscriptEntry> firstEntry(const std::string& sessionId, const std::string& role);

  // Applies `patch` to the key's session, creating the session when the key has none.
  SessionRecord patch(const std::string& key, const std::string& agentId, const SessionPatch& patch,
                      std::int64_t nowMs);

  // Gives the key a fresh session id (creating the row when missing); the previous transcript
  // stays stored under its old id.
  SessionRecord reset(const std::string& key, const std::string& agentId, std::int64_t nowMs);
  // Removes the key and its current transcript; false when the key did not exist.
  bool remove(const std::string& key);

 private:
  SessionRecord create(const std::string& key, const std::string& agentId, std::int64_t nowMs);

  store::Database& database_;
};

}  // namespace openclaw::sessions
