#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "protocol/result.h"

namespace openclaw::httpapi {

// A validated POST /v1/responses (OpenResponses) body, in the terms the gateway's OpenAI
// Chat Completions code already speaks: upstream turns `input` items into the same
// conversation entries as chat `messages`, and Responses tools into chat function tools.
struct ResponsesRequest {
  std::string model;  // as the client sent it (echoed in the response object)
  bool stream = false;
  std::optional<std::string> user;
  std::optional<std::string> previousResponseId;
  std::optional<int> maxOutputTokens;
  std::string instructions;  // goes first in the extra system prompt
  // `input` as a chat `messages` array: message items with their text (input_text and
  // output_text parts joined by newlines; empty ones dropped), function_call items as assistant
  // tool_calls, function_call_output items as tool messages; reasoning and item_reference items
  // are left out.
  nlohmann::json messages = nlohmann::json::array();
  // `tools` as chat function tools ([{type:"function", function:{name, ...}}]) and
  // `tool_choice` in the chat form ({type:"function", function:{name}}); null when absent.
  nlohmann::json tools;
  nlohmann::json toolChoice;
  // The current user message (the last user message, unless a function_call_output follows it)
  // carries input_image or input_file parts.
  bool currentTurnHasMedia = false;
};

// Validates `body` against upstream's CreateResponseBody schema (strict: unknown keys are
// refused at every level, as upstream) and converts it. Errors are INVALID_REQUEST with zod's
// wording as upstream sends it ("model: Invalid input: expected string, received undefined",
// "input: Invalid input", ": Unrecognized key: \"foo\""), answered 400 invalid_request_error.
// Accepted but without effect, as upstream: max_tool_calls, reasoning, metadata, store,
// truncation, text; temperature and top_p are range-checked only (the gateway's providers do
// not take them).
protocol::Result<ResponsesRequest> parseResponsesRequest(const nlohmann::json& body);

}  // namespace openclaw::httpapi
