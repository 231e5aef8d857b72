#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/gateway_settings.h"
#include "runs/run_manager.h"
#include "sessions/session_store.h"

namespace openclaw::methods {

// What a session row carries besides the stored facts (sessions.list / sessions.describe
// includeDerivedTitles / includeLastMessage).
struct RowExtras {
  bool derivedTitle = false;        // derivedTitle: from the first user message
  bool lastMessagePreview = false;  // lastMessagePreview: the newest user or assistant text
};

// An upstream SessionRow for a stored session (the fields this gateway tracks). Storage thread
// (the extras read the transcript).
nlohmann::json sessionRow(sessions::SessionStore& store, const sessions::SessionRecord& record,
                          const RowExtras& extras = {});

// The row's run state (status "running" while the session has an active run). Event loop.
void addRunState(nlohmann::json& row, const runs::RunManager& runs);

// sessions.list's `defaults`: the configured model.
nlohmann::json sessionDefaults(const config::GatewaySettings& settings);

// The {role, text} preview of a transcript message shown to people: user and assistant text,
// trimmed and cut to `maxChars`; nullopt for other entries and empty text.
std::optional<nlohmann::json> previewItem(const nlohmann::json& message, std::size_t maxChars);

// Transcript messages as served carry upstream's `__openclaw` {id, seq}; the id names the entry
// within its session ("<sessionId>:<seq>"). A user message also carries the `idempotencyKey` of
// the send that wrote it (its run id), which clients match their own pending message with.
nlohmann::json messageWithMeta(const sessions::TranscriptEntry& entry,
                               const std::string& sessionId);
std::string messageId(const std::string& sessionId, std::int64_t seq);
// The seq a messageId names in session `sessionId`; nullopt when it names none there.
std::optional<std::int64_t> seqOfMessageId(const std::string& sessionId,
                                           const std::string& messageId);

}  // namespace openclaw::methods
