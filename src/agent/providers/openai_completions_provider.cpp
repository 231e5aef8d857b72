#include "agent/providers/openai_completions_provider.h"

#include "agent/providers/provider_request.h"
#include "agent/providers/tool_call_accumulator.h"
#include "core/bounded_json.h"

namespace openclaw::agent::providers {
namespace {

using json = nlohmann::json;

json toOpenAiMessage(const Message& message) {
  if (message.role == "tool") {
    return {{"role", "tool"}, {"tool_call_id", message.toolCallId}, {"content", message.text}};
  }
  if (message.role != "assistant") return {{"role", "user"}, {"content", message.text}};
  json out = {{"role", "assistant"},
              {"content", message.text.empty() ? json(nullptr) : json(message.text)}};
  for (const ToolCall& call : message.toolCalls) {
    out["tool_calls"].push_back(
        {{"id", call.id},
         {"type", "function"},
         {"function", {{"name", call.name}, {"arguments", call.arguments.dump()}}}});
  }
  return out;
}

std::string stopReasonFrom(const std::string& finishReason) {
  if (finishReason == "tool_calls" || finishReason == "function_call") return "tool_calls";
  if (finishReason == "length") return "length";
  return "stop";
}

// Chunks are `data: {...}` lines ending with `data: [DONE]`; text and tool calls arrive as
// deltas of choices[0], usage in a final chunk with no choices.
class OpenAiDecoder : public StreamDecoder {
 public:
  std::optional<ModelError> consume(
      const SseEvent& event, const std::function<void(const std::string&)>& emitText) override {
    if (event.data == "[DONE]") {
      done_ = true;
      return std::nullopt;
    }
    const json chunk = core::parseJsonOrDiscarded(event.data);
    if (!chunk.is_object()) {
      return ModelError{"protocol",
                        "stream chunk is not a JSON object: " + event.data.substr(0, 200), 0};
    }
    if (chunk.contains("error")) return streamError(chunk["error"]);
    if (const json* usage = objectAt(chunk, "usage")) {
      turn_.usage.inputTokens = integerAt(*usage, "prompt_tokens");
      turn_.usage.outputTokens = integerAt(*usage, "completion_tokens");
    }
    const auto choices = chunk.find("choices");
    if (choices == chunk.end() || !choices->is_array() || choices->empty()) return std::nullopt;
    const json& choice = (*choices)[0];
    if (!choice.is_object()) return std::nullopt;
    if (const json* delta = objectAt(choice, "delta")) {
      if (delta->contains("content") && (*delta)["content"].is_string()) {
        const std::string text = (*delta)["content"].get<std::string>();
        turn_.text += text;
        emitText(text);
      }
      if (auto error = consumeToolCalls(*delta)) return error;
    }
    if (choice.contains("finish_reason") && choice["finish_reason"].is_string()) {
      finishReason_ = choice["finish_reason"].get<std::string>();
    }
    return std::nullopt;
  }

  bool done() const override { return done_; }
  bool endedCleanly() const override { return done_ || !finishReason_.empty(); }

  std::optional<ModelError> finishTurn(AssistantTurn& turn) override {
    turn = turn_;
    turn.stopReason = stopReasonFrom(finishReason_);
    if (auto error = toolCalls_.finish(turn.toolCalls)) return error;
    // Some servers report "stop" even when the reply is tool calls.
    if (!turn.toolCalls.empty()) turn.stopReason = "tool_calls";
    return std::nullopt;
  }

 private:
  static const json* objectAt(const json& parent, const char* key) {
    const auto it = parent.find(key);
    return it != parent.end() && it->is_object() ? &*it : nullptr;
  }

  static std::int64_t integerAt(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
  }

  static ModelError streamError(const json& error) {
    const std::string message =
        error.is_object() && error.contains("message") && error["message"].is_string()
            ? error["message"].get<std::string>()
            : error.dump();
    return {"server", "the model stream reported an error: " + message, 0};
  }

  std::optional<ModelError> consumeToolCalls(const json& delta) {
    const auto calls = delta.find("tool_calls");
    if (calls == delta.end() || !calls->is_array()) return std::nullopt;
    for (const json& call : *calls) {
      if (!call.is_object() || !call.contains("index") || !call["index"].is_number_integer()) {
        return ModelError{"protocol", "tool call delta without an index: " + call.dump(), 0};
      }
      const long index = call["index"].get<long>();
      const json* function = objectAt(call, "function");
      const auto text = [](const json* object, const char* key) {
        return object && object->contains(key) && (*object)[key].is_string()
                   ? (*object)[key].get<std::string>()
                   : std::string();
      };
      toolCalls_.start(index, text(&call, "id"), text(function, "name"));
      toolCalls_.appendArguments(index, text(function, "arguments"));
    }
    return std::nullopt;
  }

  AssistantTurn turn_;
  ToolCallAccumulator toolCalls_;
  std::string finishReason_;
  bool done_ = false;
};

}  // namespace

json openAiCompletionsBody(const ModelRequest& request, const char* maxTokensField) {
  json messages = json::array();
  if (!request.systemPrompt.empty()) {
    messages.push_back({{"role", "system"}, {"content", request.systemPrompt}});
  }
  for (const Message& message : request.messages) messages.push_back(toOpenAiMessage(message));
  json body = {{"model", request.model},
               {"stream", true},
               {"stream_options", {{"include_usage", true}}},
               {maxTokensField, request.maxTokens},
               {"messages", std::move(messages)}};
  for (const ToolDefinition& tool : request.tools) {
    body["tools"].push_back({{"type", "function"},
                             {"function",
                              {{"name", tool.name},
                               {"description", tool.description},
                               {"parameters", tool.parameters}}}});
  }
  return body;
}

std::shared_ptr<ModelCall> OpenAiCompletionsProvider::stream(const ModelRequest& request,
                                                             ModelStreamHandlers handlers) {
  const bool nativeOpenAi = settings().baseUrl.starts_with("https://api.openai.com/");
  const json body =
      openAiCompletionsBody(request, nativeOpenAi ? "max_completion_tokens" : "max_tokens");
  net::HttpHeaders headers;
  if (!settings().apiKey.empty())
    headers.emplace_back("Authorization", "Bearer " + settings().apiKey);
  StreamingCallSpec spec = streamingCallSpec(settings(), "/chat/completions", body, headers);
  spec.newDecoder = [] { return std::make_unique<OpenAiDecoder>(); };
  return start(std::move(spec), std::move(handlers));
}

}  // namespace openclaw::agent::providers
