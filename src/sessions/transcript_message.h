#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "agent/conversation.h"
#include "agent/tool.h"

namespace openclaw::sessions {

// Transcript entries are stored and served (chat.history) in upstream's message shape:
//   user:       {role:"user", content:[{type:"text",text}], timestamp}
//   assistant:  {role:"assistant", content:[{type:"text",text}, {type:"toolCall",id,name,
//                arguments}…], stopReason, usage?, errorMessage?, timestamp}
//   toolResult: {role:"toolResult", toolCallId, toolName, content:[{type:"text",text}],
//                isError, timestamp}
// and turned back into agent::Message when a run builds its model request.

nlohmann::json userEntry(const std::string& text, std::int64_t timestampMs);

// `stopReason` is the model's ("stop", "tool_calls", "length") or how the run ended ("aborted",
// "timeout", "error"); `errorMessage` accompanies the latter.
nlohmann::json assistantEntry(const agent::AssistantTurn& turn, std::int64_t timestampMs,
                              const std::string& errorMessage = "");

nlohmann::json toolResultEntry(const agent::ToolCall& call, const agent::ToolResult& result,
                               std::int64_t timestampMs);

// The provider-facing message of a stored entry; nullopt for entries a model never sees (an
// assistant entry with neither text nor tool calls, an unknown role).
std::optional<agent::Message> toModelMessage(const nlohmann::json& entry);

// The concatenated text blocks of an entry's content.
std::string entryText(const nlohmann::json& entry);

}  // namespace openclaw::sessions
