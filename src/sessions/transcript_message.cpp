#include "sessions/transcript_message.h"

namespace openclaw::sessions {
namespace {

nlohmann::json textBlock(const std::string& text) { return {{"type", "text"}, {"text", text}}; }

}  // namespace

nlohmann::json userEntry(const std::string& text, std::int64_t timestampMs) {
  return {{"role", "user"}, {"content", {textBlock(text)}}, {"timestamp", timestampMs}};
}

nlohmann::json assistantEntry(const agent::AssistantTurn& turn, std::int64_t timestampMs,
                              const std::string& errorMessage) {
  nlohmann::json content = nlohmann::json::array();
  if (!turn.text.empty()) content.push_back(textBlock(turn.text));
  for (const agent::ToolCall& call : turn.toolCalls) {
    content.push_back({{"type", "toolCall"},
                       {"id", call.id},
                       {"name", call.name},
                       {"arguments", call.arguments}});
  }
  nlohmann::json entry = {{"role", "assistant"},
                          {"content", std::move(content)},
                          {"stopReason", turn.stopReason},
                          {"usage",
                           {{"input", turn.usage.inputTokens},
                            {"output", turn.usage.outputTokens},
                            {"totalTokens", turn.usage.inputTokens + turn.usage.outputTokens}}},
                          {"timestamp", timestampMs}};
  if (!errorMessage.empty()) entry["errorMessage"] = errorMessage;
  return entry;
}

nlohmann::json toolResultEntry(const agent::ToolCall& call, const agent::ToolResult& result,
                               std::int64_t timestampMs) {
  nlohmann::json entry = {{"role", "toolResult"},      {"toolCallId", call.id},
                          {"toolName", call.name},     {"content", {textBlock(result.output)}},
                          {"isError", result.isError}, {"timestamp", timestampMs}};
  if (!result.details.empty()) entry["details"] = result.details;
  return entry;
}

std::string entryText(const nlohmann::json& entry) {
  std::string text;
  for (const nlohmann::json& block : entry.value("content", nlohmann::json::array())) {
    if (block.is_object() && block.value("type", "") == "text") text += block.value("text", "");
  }
  return text;
}

std::optional<agent::Message> toModelMessage(const nlohmann::json& entry) {
  const std::string role = entry.value("role", "");
  agent::Message message;
  message.text = entryText(entry);
  if (role == "user") {
    message.role = "user";
    return message;
  }
  if (role == "toolResult") {
    message.role = "tool";
    message.toolCallId = entry.value("toolCallId", "");
    message.toolName = entry.value("toolName", "");
    message.isError = entry.value("isError", false);
    return message;
  }
  if (role != "assistant") return std::nullopt;
  message.role = "assistant";
  for (const nlohmann::json& block : entry.value("content", nlohmann::json::array())) {
    if (!block.is_object() || block.value("type", "") != "toolCall") continue;
    message.toolCalls.push_back({block.value("id", ""), block.value("name", ""),
                                 block.value("arguments", nlohmann::json::object())});
  }
  if (message.text.empty() && message.toolCalls.empty()) return std::nullopt;
  return message;
}

}  // namespace openclaw::sessions
