#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "agent/conversation.h"

namespace openclaw::httpapi {

// The OpenResponses objects of POST /v1/responses, shaped as upstream sends them (and as the
// official OpenAI SDK parses them).

// What stays the same for one response: its id ("resp_<uuid>"), creation time (Unix seconds),
// the `model` the client asked for, and the id of its assistant message item ("msg_<uuid>").
struct ResponseIdentity {
  std::string id;
  std::int64_t createdAt = 0;
  std::string model;
  std::string messageItemId;

  static ResponseIdentity fresh(std::string model);  // new ids, created now
};

// {input_tokens, input_tokens_details, output_tokens, output_tokens_details, total_tokens}.
nlohmann::json responsesUsage(const agent::TokenUsage& usage);

// A client tool call the run ended with, as a `function_call` output item.
struct FunctionCallOutput {
  std::string callId;  // the model's call id (what function_call_output answers)
  std::string name;
  std::string arguments;  // JSON text
};

// How a turn ended, for the response object.
struct ResponseOutcome {
  std::string status = "completed";  // completed, incomplete (output token cap) or failed
  std::string text;                  // the assistant's text
  std::vector<FunctionCallOutput> toolCalls;
  agent::TokenUsage usage;
  std::string errorMessage;  // failed: why
};

// The final response object of a turn that ran (non-streaming answer): with client tool calls,
// the text (as a "commentary" message, when there is any) and a function_call item per call;
// otherwise one "final_answer" message with the text, or "No response from OpenClaw." when the
// model said nothing.
nlohmann::json finishedResponse(const ResponseIdentity& identity, const ResponseOutcome& outcome);

// A `status: "failed"` response with no output and error {code, message}.
nlohmann::json failedResponse(const ResponseIdentity& identity, const std::string& code,
                              const std::string& message, const agent::TokenUsage& usage = {});

// The typed Server-Sent Events of a streamed response, each "event: <type>\ndata: <json>\n\n"
// with a sequence_number counting from 0, in upstream's order: opening() (response.created,
// response.in_progress, the message item and its output_text part added), textDelta() per
// piece of text, then finish() (the whole text as one delta when nothing was streamed,
// output_text.done, content_part.done, output_item.done, a function_call item added
// and done per client tool call, response.completed/incomplete/failed, `data: [DONE]`) or
// fail() (response.failed with no output, `data: [DONE]`).
class ResponseEventStream {
 public:
  explicit ResponseEventStream(ResponseIdentity identity) : identity_(std::move(identity)) {}

  std::string opening();
  std::string textDelta(const std::string& delta);
  std::string finish(const ResponseOutcome& outcome);
  std::string fail(const std::string& code, const std::string& message,
                   const agent::TokenUsage& usage = {});

  const std::string& streamedText() const { return streamed_; }

 private:
  std::string event(nlohmann::json payload);
  nlohmann::json messagePayload(nlohmann::json payload) const;

  ResponseIdentity identity_;
  std::string streamed_;
  std::uint64_t sequence_ = 0;
};

}  // namespace openclaw::httpapi
