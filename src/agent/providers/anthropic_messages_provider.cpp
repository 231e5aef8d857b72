#include "agent/providers/anthropic_messages_provider.h"

#include "agent/providers/provider_request.h"
#include "agent/providers/tool_call_accumulator.h"
#include "core/bounded_json.h"

namespace openclaw::agent::providers {
namespace {

using json = nlohmann::json;

std::string roleOf(const Message& message) {
  return message.role == "assistant" ? "assistant" : "user";
}

json contentBlocks(const Message& message) {
  json blocks = json::array();
  if (message.role == "tool") {
    json result = {
        {"type", "tool_result"}, {"tool_use_id", message.toolCallId}, {"content", message.text}};
    if (message.isError) result["is_error"] = true;
    blocks.push_back(std::move(result));
    return blocks;
  }
  // The API rejects empty text blocks.
  if (!message.text.empty()) blocks.push_back({{"type", "text"}, {"text", message.text}});
  for (const ToolCall& call : message.toolCalls) {
    blocks.push_back(
        {{"type", "tool_use"}, {"id", call.id}, {"name", call.name}, {"input", call.arguments}});
  }
  return blocks;
}

std::string stopReasonFrom(const std::string& stopReason) {
  if (stopReason == "tool_use") return "tool_calls";
  if (stopReason == "max_tokens") return "length";
  return "stop";
}

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& member(const json& object, const char* key) {
  static const json kEmpty = json::object();
  const auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : kEmpty;
}

long blockIndex(const json& event) {
  const auto it = event.find("index");
  return it != event.end() && it->is_number_integer() ? it->get<long>() : 0;
}

// The `error` event's type as a ModelError code.
std::string errorCode(const std::string& type) {
  if (type == "rate_limit_error") return "rate_limited";
  if (type == "authentication_error" || type == "permission_error") return "auth";
  if (type == "invalid_request_error" || type == "not_found_error") return "bad_request";
  return "server";  // overloaded_error, api_error and anything new
}

// Events named by their `type`: message_start (input usage), content_block_start/delta/stop
// (text, and tool_use with input_json_delta fragments), message_delta (stop_reason, output
// usage), message_stop, ping, error.
class AnthropicDecoder : public StreamDecoder {
 public:
  std::optional<ModelError> consume(
      const SseEvent& event, const std::function<void(const std::string&)>& emitText) override {
    const json data = core::parseJsonOrDiscarded(event.data);
    if (!data.is_object()) {
      return ModelError{"protocol",
                        "stream event is not a JSON object: " + event.data.substr(0, 200), 0};
    }
    const std::string type = text(data, "type");
    if (type == "message_start") {
      readUsage(member(member(data, "message"), "usage"));
    } else if (type == "content_block_start") {
      const json& block = member(data, "content_block");
      if (text(block, "type") == "tool_use") {
        toolCalls_.start(blockIndex(data), text(block, "id"), text(block, "name"));
      } else {
        appendText(text(block, "text"), emitText);
      }
    } else if (type == "content_block_delta") {
      const json& delta = member(data, "delta");
      const std::string deltaType = text(delta, "type");
      if (deltaType == "text_delta") appendText(text(delta, "text"), emitText);
      if (deltaType == "input_json_delta") {
        toolCalls_.appendArguments(blockIndex(data), text(delta, "partial_json"));
      }
    } else if (type == "message_delta") {
      const std::string stopReason = text(member(data, "delta"), "stop_reason");
      if (!stopReason.empty()) stopReason_ = stopReason;
      readUsage(member(data, "usage"));
    } else if (type == "message_stop") {
      done_ = true;
    } else if (type == "error") {
      const json& error = member(data, "error");
      return ModelError{
          errorCode(text(error, "type")),
          "the model stream reported " + text(error, "type") + ": " + text(error, "message"), 0};
    }
    return std::nullopt;  // ping, content_block_stop and unknown events
  }

  bool done() const override { return done_; }
  bool endedCleanly() const override { return done_; }

  std::optional<ModelError> finishTurn(AssistantTurn& turn) override {
    turn = turn_;
    turn.stopReason = stopReasonFrom(stopReason_);
    return toolCalls_.finish(turn.toolCalls);
  }

 private:
  void appendText(const std::string& delta,
                  const std::function<void(const std::string&)>& emitText) {
    turn_.text += delta;
    emitText(delta);
  }

  void readUsage(const json& usage) {
    if (usage.contains("input_tokens") && usage["input_tokens"].is_number_integer()) {
      turn_.usage.inputTokens = usage["input_tokens"].get<std::int64_t>();
    }
    if (usage.contains("output_tokens") && usage["output_tokens"].is_number_integer()) {
      turn_.usage.outputTokens = usage["output_tokens"].get<std::int64_t>();
    }
  }

  AssistantTurn turn_;
  ToolCallAccumulator toolCalls_;
  std::string stopReason_;
  bool done_ = false;
};

}  // namespace

json anthropicMessagesBody(const ModelRequest& request) {
  json messages = json::array();
  for (const Message& message : request.messages) {
    json blocks = contentBlocks(message);
    if (blocks.empty()) continue;
    const std::string role = roleOf(message);
    if (!messages.empty() && messages.back()["role"] == role) {
      for (json& block : blocks) messages.back()["content"].push_back(std::move(block));
    } else {
      messages.push_back({{"role", role}, {"content", std::move(blocks)}});
    }
  }
  json body = {{"model", request.model},
               {"max_tokens", request.maxTokens},
               {"stream", true},
               {"messages", std::move(messages)}};
  if (!request.systemPrompt.empty()) body["system"] = request.systemPrompt;
  for (const ToolDefinition& tool : request.tools) {
    body["tools"].push_back({{"name", tool.name},
                             {"description", tool.description},
                             {"input_schema", tool.parameters}});
  }
  return body;
}

std::shared_ptr<ModelCall> AnthropicMessagesProvider::stream(const ModelRequest& request,
                                                             ModelStreamHandlers handlers) {
  net::HttpHeaders headers = {{"anthropic-version", "2023-06-01"}};
  if (!settings().apiKey.empty()) headers.emplace_back("x-api-key", settings().apiKey);
  StreamingCallSpec spec =
      streamingCallSpec(settings(), "/v1/messages", anthropicMessagesBody(request), headers);
  spec.newDecoder = [] { return std::make_unique<AnthropicDecoder>(); };
  return start(std::move(spec), std::move(handlers));
}

}  // namespace openclaw::agent::providers
