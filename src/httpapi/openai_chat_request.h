#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "agent/conversation.h"
#include "protocol/result.h"

namespace openclaw::httpapi {

// A tool_choice that obliges the model to call a client tool: "required" (any of them) or one
// function by name.
struct ToolChoiceConstraint {
  std::optional<std::string> function;  // unset: "required"
};

// How the run's input is made of an OpenAI `messages` array, as upstream does it: system and
// developer messages become the extra system prompt; the other messages become one user message
// for the run, the latest user (or tool) message as "the current message" and those before it as
// "Sender: text" history lines (assistant tool calls rendered as
// "tool_call id=… name=… arguments=…", tool results as "Tool:<tool_call_id>: <content>").
struct AgentPrompt {
  std::string message;            // "" when there is nothing to answer
  std::string extraSystemPrompt;  // system/developer texts joined by blank lines
};
AgentPrompt agentPromptFromMessages(const nlohmann::json& messages);

// Client tools (`tools`) and `tool_choice` as the run gets them: "none" offers no tool, a
// function choice only that one, and "required"/function choices add an instruction to the
// system prompt and a constraint the answer must meet.
struct ClientTools {
  std::vector<agent::ToolDefinition> tools;
  std::string instruction;  // for the system prompt; "" without a constraint
  std::optional<ToolChoiceConstraint> constraint;
};
// Throws std::invalid_argument with upstream's message for unsupported or malformed input.
ClientTools clientToolsOf(const nlohmann::json& tools, const nlohmann::json& toolChoice);

// Whether `calls` (the client tool calls the run ended with) meet `constraint`, and the error
// message when they do not.
bool constraintMet(const ToolChoiceConstraint& constraint,
                   const std::vector<agent::ToolCall>& calls);
std::string unmetConstraintMessage(const ToolChoiceConstraint& constraint);

// A validated POST /v1/chat/completions body.
struct ChatCompletionRequest {
  std::string model = "openclaw";  // as the client sent it (echoed in the answer)
  bool stream = false;
  bool includeUsage = false;  // stream_options.include_usage (streaming only)
  std::optional<std::string> user;
  std::optional<int> maxTokens;  // max_completion_tokens, else max_tokens
  AgentPrompt prompt;
  ClientTools tools;
  bool hasImages = false;  // the current user message carries image_url parts
};

// Validates the body as upstream does (field types, token caps, response_format, stop,
// sampling ranges, tools/tool_choice) and builds the run's input. Errors are INVALID_REQUEST
// with upstream's messages (400 invalid_request_error). Sampling fields, seed, stop and
// response_format are validated only: the gateway's providers do not take them.
protocol::Result<ChatCompletionRequest> parseChatCompletionRequest(const nlohmann::json& body);

}  // namespace openclaw::httpapi
