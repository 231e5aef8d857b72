#include "httpapi/openai_chat_response.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

constexpr std::size_t kArgumentPiece = 256;

json base(const CompletionIdentity& identity, const char* object) {
  return {{"id", identity.id},
          {"object", object},
          {"created", identity.created},
          {"model", identity.model}};
}

// The end of the piece of `text` starting at `start`: at most kArgumentPiece bytes, moved back
// to a character boundary.
std::size_t pieceEnd(const std::string& text, std::size_t start) {
  std::size_t end = std::min(text.size(), start + kArgumentPiece);
  while (end < text.size() && end > start + 1 &&
         (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return end;
}

std::string argumentsText(const agent::ToolCall& call) {
  return call.arguments.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

json usageJson(const agent::TokenUsage& usage) {
  return {{"prompt_tokens", usage.inputTokens},
          {"completion_tokens", usage.outputTokens},
          {"total_tokens", usage.inputTokens + usage.outputTokens}};
}

json toolCallJson(const agent::ToolCall& call) {
  return {{"id", call.id},
          {"type", "function"},
          {"function", {{"name", call.name}, {"arguments", argumentsText(call)}}}};
}

std::string finishReasonOf(const std::string& stopReason, bool hasToolCalls) {
  if (hasToolCalls) return "tool_calls";
  return stopReason == "length" ? "length" : "stop";
}

json completionJson(const CompletionIdentity& identity, const std::string& content,
                    const std::vector<agent::ToolCall>& toolCalls, const std::string& finishReason,
                    const agent::TokenUsage& usage) {
  json message = {{"role", "assistant"}, {"content", content}};
  if (!toolCalls.empty()) {
    message["tool_calls"] = json::array();
    for (const auto& call : toolCalls) message["tool_calls"].push_back(toolCallJson(call));
  }
  json completion = base(identity, "chat.completion");
  completion["choices"] =
      json::array({{{"index", 0}, {"message", message}, {"finish_reason", finishReason}}});
  completion["usage"] = usageJson(usage);
  return completion;
}

json chunkJson(const CompletionIdentity& identity, const json& delta,
               const std::string& finishReason) {
  json chunk = base(identity, "chat.completion.chunk");
  chunk["choices"] =
      json::array({{{"index", 0},
                    {"delta", delta},
                    {"finish_reason", finishReason.empty() ? json() : json(finishReason)}}});
  return chunk;
}

json usageChunkJson(const CompletionIdentity& identity, const agent::TokenUsage& usage) {
  json chunk = base(identity, "chat.completion.chunk");
  chunk["choices"] = json::array();
  chunk["usage"] = usageJson(usage);
  return chunk;
}

std::vector<json> toolCallChunks(const CompletionIdentity& identity,
                                 const std::vector<agent::ToolCall>& calls) {
  std::vector<json> chunks;
  for (std::size_t index = 0; index < calls.size(); ++index) {
    const agent::ToolCall& call = calls[index];
    chunks.push_back(chunkJson(
        identity,
        {{"tool_calls", json::array({{{"index", index},
                                      {"id", call.id},
                                      {"type", "function"},
                                      {"function", {{"name", call.name}, {"arguments", ""}}}}})}}));
    const std::string arguments = argumentsText(call);
    for (std::size_t start = 0; start < arguments.size();) {
      const std::size_t end = pieceEnd(arguments, start);
      chunks.push_back(chunkJson(
          identity, {{"tool_calls",
                      json::array({{{"index", index},
                                    {"function",
                                     {{"arguments", arguments.substr(start, end - start)}}}}})}}));
      start = end;
    }
  }
  return chunks;
}

std::string sseData(const json& value) {
  return "data: " + value.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
}

}  // namespace openclaw::httpapi
