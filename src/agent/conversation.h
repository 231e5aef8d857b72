#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::agent {

// A tool invocation the model asked for. `arguments` is the parsed JSON object the model sent
// (an object even when the model sent nothing).
struct ToolCall {
  std::string id;
  std::string name;
  nlohmann::json arguments = nlohmann::json::object();
};

// One entry of a conversation as providers see it. Roles:
//  - "user": `text`
//  - "assistant": `text` (may be empty) and the `toolCalls` it made
//  - "tool": the result of the call `toolCallId` (`toolName`), `text` is the output,
//    `isError` when the tool failed
struct Message {
  std::string role;
  std::string text;
  std::vector<ToolCall> toolCalls;
  std::string toolCallId;
  std::string toolName;
  bool isError = false;
};

// A tool offered to the model: `parameters` is a JSON Schema object.
struct ToolDefinition {
  std::string name;
  std::string description;
  nlohmann::json parameters = nlohmann::json::object();
};

struct TokenUsage {
  std::int64_t inputTokens = 0;
  std::int64_t outputTokens = 0;
};

// What one model call produced once its stream ended.
struct AssistantTurn {
  std::string text;
  std::vector<ToolCall> toolCalls;
  // "stop" (done), "tool_calls" (run the tools, then call again), "length" (token limit).
  std::string stopReason = "stop";
  TokenUsage usage;
};

}  // namespace openclaw::agent
