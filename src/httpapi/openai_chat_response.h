#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "agent/conversation.h"

namespace openclaw::httpapi {

// What every object of one chat completion repeats.
struct CompletionIdentity {
  std::string id;            // "chatcmpl_<uuid>", also the run's id
  std::int64_t created = 0;  // seconds since the epoch
  std::string model;         // the request's `model`
};

// {prompt_tokens, completion_tokens, total_tokens}.
nlohmann::json usageJson(const agent::TokenUsage& usage);

// An OpenAI tool call: {id, type:"function", function:{name, arguments (JSON text)}}.
nlohmann::json toolCallJson(const agent::ToolCall& call);

// "tool_calls" when the run handed back calls, "length" when it hit the token cap, else "stop".
std::string finishReasonOf(const std::string& stopReason, bool hasToolCalls);

// The non-streaming answer: object "chat.completion" with one choice.
nlohmann::json completionJson(const CompletionIdentity& identity, const std::string& content,
                              const std::vector<agent::ToolCall>& toolCalls,
                              const std::string& finishReason, const agent::TokenUsage& usage);

// One streamed "chat.completion.chunk" of choice 0 with `delta` and a finish_reason (null
// when empty).
nlohmann::json chunkJson(const CompletionIdentity& identity, const nlohmann::json& delta,
                         const std::string& finishReason = "");
// The trailing usage chunk (choices empty) of stream_options.include_usage.
nlohmann::json usageChunkJson(const CompletionIdentity& identity, const agent::TokenUsage& usage);
// The tool_calls delta chunks of `calls`: per call one with its id, type, name and empty
// arguments, then its arguments in pieces of at most 256 bytes (never splitting a UTF-8
// character).
std::vector<nlohmann::json> toolCallChunks(const CompletionIdentity& identity,
                                           const std::vector<agent::ToolCall>& calls);

// One Server-Sent Event: "data: <json>\n\n"; kDone ends the stream.
std::string sseData(const nlohmann::json& value);
inline constexpr const char* kSseDone = "data: [DONE]\n\n";

}  // namespace openclaw::httpapi
