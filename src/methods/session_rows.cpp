#include "methods/session_rows.h"

#include "core/text.h"
#include "core/utf8.h"
#include "sessions/session_keys.h"
#include "sessions/transcript_message.h"

namespace openclaw::methods {
namespace {

// Upstream's bounds for a derived title and a last-message preview.
constexpr std::size_t kDerivedTitleChars = 60;
constexpr std::size_t kPreviewChars = 240;
// How far back a last-message preview looks for user or assistant text.
constexpr std::size_t kPreviewLookback = 20;

// "provider/model" split as upstream's row fields.
void addModel(nlohmann::json& row, const std::string& ref) {
  const std::size_t slash = ref.find('/');
  if (slash == std::string::npos) {
    row["model"] = ref;
    return;
  }
  row["modelProvider"] = ref.substr(0, slash);
  row["model"] = ref.substr(slash + 1);
}

// The first line of `text`, whitespace runs collapsed.
std::string titleOf(const std::string& text) {
  std::string title;
  for (char c : core::trimmed(text.substr(0, text.find('\n')))) {
    const bool space = c == ' ' || c == '\t' || c == '\r';
    if (space && (title.empty() || title.back() == ' ')) continue;
    title += space ? ' ' : c;
  }
  return core::truncatedText(core::trimmed(title), kDerivedTitleChars);
}

}  // namespace

std::optional<nlohmann::json> previewItem(const nlohmann::json& message, std::size_t maxChars) {
  const std::string role = message.is_object() ? message.value("role", "") : "";
  if (role != "user" && role != "assistant") return std::nullopt;
  const std::string text = core::trimmed(sessions::entryText(message));
  if (text.empty()) return std::nullopt;
  return nlohmann::json{{"role", role}, {"text", core::truncatedText(text, maxChars)}};
}

nlohmann::json sessionRow(sessions::SessionStore& store, const sessions::SessionRecord& record,
                          const RowExtras& extras) {
  nlohmann::json row = {{"key", record.key},
                        {"kind", "direct"},
                        {"sessionId", record.sessionId},
                        {"agentId", record.agentId},
                        {"isMain", record.key == sessions::mainSessionKey(record.agentId)},
                        {"createdAt", record.createdAt},
                        {"updatedAt", record.updatedAt}};
  if (record.label) row["label"] = *record.label;
  if (record.lastChannel) row["channel"] = *record.lastChannel;
  if (record.lastRunId) row["lastRunId"] = *record.lastRunId;
  if (record.model) addModel(row, *record.model);
  if (record.thinkingLevel) row["thinkingLevel"] = *record.thinkingLevel;
  if (extras.derivedTitle) {
    if (auto first = store.firstEntry(record.sessionId, "user")) {
      const std::string title = titleOf(sessions::entryText(first->message));
      if (!title.empty()) row["derivedTitle"] = title;
    }
  }
  if (extras.lastMessagePreview) {
    const auto entries = store.transcript(record.sessionId, kPreviewLookback);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      if (auto item = previewItem(it->message, kPreviewChars)) {
        row["lastMessagePreview"] = item->at("text");
        break;
      }
    }
  }
  return row;
}

void addRunState(nlohmann::json& row, const runs::RunManager& runs) {
  if (runs.activeRun(row.at("key"))) row["status"] = "running";
}

nlohmann::json sessionDefaults(const config::GatewaySettings& settings) {
  nlohmann::json defaults = {
      {"modelProvider", nullptr}, {"model", nullptr}, {"contextTokens", nullptr}};
  if (const auto& primary = settings.models.primary) {
    defaults["modelProvider"] = primary->provider.id;
    defaults["model"] = primary->model;
  }
  return defaults;
}

std::string messageId(const std::string& sessionId, std::int64_t seq) {
  return sessionId + ":" + std::to_string(seq);
}

nlohmann::json messageWithMeta(const sessions::TranscriptEntry& entry,
                               const std::string& sessionId) {
  nlohmann::json message = entry.message;
  if (!message.is_object()) return message;
  message["__openclaw"] = {{"id", messageId(sessionId, entry.seq)}, {"seq", entry.seq}};
  if (message.value("role", "") == "user" && !entry.runId.empty()) {
    message["idempotencyKey"] = entry.runId;
  }
  return message;
}

std::optional<std::int64_t> seqOfMessageId(const std::string& sessionId,
                                           const std::string& messageId) {
  const std::string prefix = sessionId + ":";
  if (!messageId.starts_with(prefix)) return std::nullopt;
  const std::string digits = messageId.substr(prefix.size());
  if (digits.empty() || digits.size() > 15 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(digits);
}

}  // namespace openclaw::methods
