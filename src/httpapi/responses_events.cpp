#include "httpapi/responses_events.h"

#include <algorithm>

#include "core/clock.h"
#include "core/json_fields.h"
#include "core/random_ids.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

constexpr const char* kNoResponse = "No response from OpenClaw.";

json messageItem(const ResponseIdentity& identity, const std::string& text,
                 const std::string& phase, const std::string& status) {
  json item = {{"type", "message"},
               {"id", identity.messageItemId},
               {"role", "assistant"},
               {"content", json::array({{{"type", "output_text"}, {"text", text}}})}};
  if (!phase.empty()) item["phase"] = phase;
  item["status"] = status;
  return item;
}

// A function_call output item; upstream gives each its own "call_<uuid>" item id.
json functionCallItem(const FunctionCallOutput& call) {
  return {{"type", "function_call"},
          {"id", "call_" + core::uuidV4()},
          {"call_id", call.callId},
          {"name", call.name},
          {"arguments", call.arguments}};
}

json responseObject(const ResponseIdentity& identity, const std::string& status, json output,
                    const agent::TokenUsage& usage) {
  json response = {{"id", identity.id},
                   {"object", "response"},
                   {"created_at", identity.createdAt},
                   {"status", status},
                   {"model", identity.model},
                   {"output", std::move(output)},
                   {"usage", responsesUsage(usage)}};
  if (status == "incomplete") response["incomplete_details"] = {{"reason", "max_output_tokens"}};
  return response;
}

}  // namespace

ResponseIdentity ResponseIdentity::fresh(std::string model) {
  return {"resp_" + core::uuidV4(), core::nowMs() / 1000, std::move(model),
          "msg_" + core::uuidV4()};
}

json responsesUsage(const agent::TokenUsage& usage) {
  const std::int64_t input = std::max<std::int64_t>(0, usage.inputTokens);
  const std::int64_t output = std::max<std::int64_t>(0, usage.outputTokens);
  return {{"input_tokens", input},
          {"input_tokens_details", {{"cached_tokens", 0}, {"cache_write_tokens", 0}}},
          {"output_tokens", output},
          {"output_tokens_details", {{"reasoning_tokens", 0}}},
          {"total_tokens", input + output}};
}

json finishedResponse(const ResponseIdentity& identity, const ResponseOutcome& outcome) {
  json output = json::array();
  if (!outcome.toolCalls.empty()) {
    if (!outcome.text.empty()) {
      output.push_back(messageItem(identity, outcome.text, "commentary", "completed"));
    }
    for (const FunctionCallOutput& call : outcome.toolCalls)
      output.push_back(functionCallItem(call));
    return responseObject(identity, "completed", std::move(output), outcome.usage);
  }
  const std::string text = outcome.text.empty() ? kNoResponse : outcome.text;
  output.push_back(messageItem(identity, text, "final_answer", outcome.status));
  return responseObject(identity, outcome.status, std::move(output), outcome.usage);
}

json failedResponse(const ResponseIdentity& identity, const std::string& code,
                    const std::string& message, const agent::TokenUsage& usage) {
  json response = responseObject(identity, "failed", json::array(), usage);
  response["error"] = {{"code", code}, {"message", message}};
  return response;
}

std::string ResponseEventStream::event(json payload) {
  payload["sequence_number"] = sequence_++;
  const std::string type = payload.at("type");
  return "event: " + type + "\ndata: " + core::compactJson(payload) + "\n\n";
}

json ResponseEventStream::messagePayload(json payload) const {
  payload["item_id"] = identity_.messageItemId;
  payload["output_index"] = 0;
  payload["content_index"] = 0;
  return payload;
}

std::string ResponseEventStream::opening() {
  const json initial = responseObject(identity_, "in_progress", json::array(), {});
  json item = messageItem(identity_, "", "", "in_progress");
  item["content"] = json::array();
  // One statement per event: operands of + are evaluated in no fixed order.
  std::string frames = event({{"type", "response.created"}, {"response", initial}});
  frames += event({{"type", "response.in_progress"}, {"response", initial}});
  frames += event({{"type", "response.output_item.added"}, {"output_index", 0}, {"item", item}});
  frames += event(messagePayload({{"type", "response.content_part.added"},
                                  {"part", {{"type", "output_text"}, {"text", ""}}}}));
  return frames;
}

std::string ResponseEventStream::textDelta(const std::string& delta) {
  if (delta.empty()) return "";
  streamed_ += delta;
  return event(messagePayload({{"type", "response.output_text.delta"}, {"delta", delta}}));
}

std::string ResponseEventStream::finish(const ResponseOutcome& outcome) {
  const bool calls = !outcome.toolCalls.empty();
  // What was streamed is the text (the run's text joins its turns differently); a run that
  // streamed nothing sends its text, or the fallback, as one last delta.
  std::string text = streamed_.empty() ? outcome.text : streamed_;
  if (text.empty() && !calls) text = kNoResponse;
  std::string frames = textDelta(text.substr(streamed_.size()));
  frames += event(messagePayload({{"type", "response.output_text.done"}, {"text", text}}));
  frames += event(messagePayload({{"type", "response.content_part.done"},
                                  {"part", {{"type", "output_text"}, {"text", text}}}}));
  const bool finalAnswer = outcome.status != "failed" && !calls;
  const json item = messageItem(identity_, text, finalAnswer ? "final_answer" : "commentary",
                                outcome.status == "incomplete" ? "incomplete" : "completed");
  frames += event({{"type", "response.output_item.done"}, {"output_index", 0}, {"item", item}});
  json output = json::array({item});
  for (const FunctionCallOutput& call : outcome.toolCalls) {
    json added = functionCallItem(call);
    const std::size_t index = output.size();
    frames +=
        event({{"type", "response.output_item.added"}, {"output_index", index}, {"item", added}});
    added["status"] = "completed";
    frames +=
        event({{"type", "response.output_item.done"}, {"output_index", index}, {"item", added}});
    output.push_back(std::move(added));
  }
  json response = responseObject(identity_, outcome.status, std::move(output), outcome.usage);
  if (outcome.status == "failed") {
    response["error"] = {
        {"code", "server_error"},
        {"message", outcome.errorMessage.empty() ? "Agent run failed" : outcome.errorMessage}};
  }
  frames += event({{"type", "response." + outcome.status}, {"response", std::move(response)}});
  return frames + "data: [DONE]\n\n";
}

std::string ResponseEventStream::fail(const std::string& code, const std::string& message,
                                      const agent::TokenUsage& usage) {
  std::string frames = event(
      {{"type", "response.failed"}, {"response", failedResponse(identity_, code, message, usage)}});
  return frames + "data: [DONE]\n\n";
}

}  // namespace openclaw::httpapi
