#include "httpapi/openai_chat_request.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;
using protocol::GatewayError;

constexpr const char* kHistoryMarker = "[Chat messages since your last reply - for context]";
constexpr const char* kCurrentMarker = "[Current message - respond to this]";
constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

// How zod names a JSON value's type in its messages.
std::string typeName(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "boolean";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  if (value.is_array()) return "array";
  return "object";
}

GatewayError typeError(const std::string& field, const std::string& expected, const json& got) {
  return GatewayError::invalidRequest(field + ": Expected " + expected + ", received " +
                                      typeName(got));
}

// A field that may be absent (or null when `nullable`) and otherwise must be `expected`.
std::optional<GatewayError> checkType(const json& body, const std::string& field,
                                      const std::string& expected, bool nullable) {
  if (!body.contains(field)) return std::nullopt;
  const json& value = body.at(field);
  if (nullable && value.is_null()) return std::nullopt;
  if (typeName(value) != expected) return typeError(field, expected, value);
  return std::nullopt;
}

bool present(const json& body, const std::string& field) {
  return body.contains(field) && !body.at(field).is_null();
}

// max_completion_tokens / max_tokens: a positive safe integer, or nothing.
protocol::Result<std::optional<int>> tokenCap(const json& body, const std::string& field) {
  if (!present(body, field)) return std::optional<int>{};
  const json& value = body.at(field);
  if (!value.is_number()) return typeError(field, "number", value);
  const double number = value.get<double>();
  if (number != std::floor(number) || number <= 0 || number > kMaxSafeInteger) {
    return GatewayError::invalidRequest(field + " must be a positive safe integer");
  }
  // Larger caps than any model takes mean "no cap" in practice: keep the int finite.
  return std::optional<int>(static_cast<int>(std::min(number, 1'000'000'000.0)));
}

std::optional<std::string> responseFormatError(const json& body) {
  if (!present(body, "response_format")) return std::nullopt;
  const json& format = body.at("response_format");
  if (!format.is_object()) return "response_format must be an object";
  const json type = format.value("type", json());
  if (type != "text" && type != "json_object" && type != "json_schema") {
    return "response_format.type must be text, json_object, or json_schema";
  }
  return std::nullopt;
}

std::optional<GatewayError> stopError(const json& body) {
  if (!present(body, "stop")) return std::nullopt;
  const json& stop = body.at("stop");
  const bool stringList = stop.is_array() && std::all_of(stop.begin(), stop.end(),
                                                         [](auto& s) { return s.is_string(); });
  if (!stop.is_string() && !stringList) return GatewayError::invalidRequest("stop: Invalid input");
  const json list = stop.is_string() ? json::array({stop}) : stop;
  if (list.size() > 4)
    return GatewayError::invalidRequest("Invalid stop: stop supports at most 4 sequences");
  for (const json& entry : list) {
    if (entry.get<std::string>().empty()) {
      return GatewayError::invalidRequest("Invalid stop: stop entries must be non-empty strings");
    }
  }
  return std::nullopt;
}

// Upstream's sampling checks (temperature, top_p, penalties, seed), in its order and wording.
std::optional<std::string> samplingError(const json& body) {
  struct Range {
    const char* field;
    double low;
    double high;
    const char* shown;
  };
  for (const Range& range :
       {Range{"temperature", 0, 2, "between 0 and 2"}, Range{"top_p", 0, 1, "between 0 and 1"},
        Range{"frequency_penalty", -2, 2, "between -2.0 and 2.0"},
        Range{"presence_penalty", -2, 2, "between -2.0 and 2.0"}}) {
    if (!present(body, range.field)) continue;
    const double value = body.at(range.field).get<double>();
    if (value < range.low || value > range.high) {
      return std::string("`") + range.field + "` must be " + range.shown + ".";
    }
  }
  if (present(body, "seed")) {
    const double seed = body.at("seed").get<double>();
    if (seed != std::floor(seed)) return "`seed` must be an integer.";
  }
  return std::nullopt;
}

// The text of a message's content: a string, or the text parts of a content array joined by
// newlines; nullopt when there is none to take (other types, or only non-text parts).
std::optional<std::string> textContent(const json& content) {
  if (content.is_string()) return content.get<std::string>();
  if (!content.is_array()) return std::nullopt;
  std::vector<std::string> texts;
  bool allText = true;
  for (const json& part : content) {
    std::optional<std::string> text;
    if (part.is_object()) {
      const json type = part.value("type", json());
      const json textValue = part.value("text", json());
      const json inputText = part.value("input_text", json());
      if ((type == "text" || type == "input_text") && textValue.is_string()) {
        text = textValue.get<std::string>();
      } else if (inputText.is_string()) {
        text = inputText.get<std::string>();
      }
    }
    if (!text) {
      allText = false;
      continue;
    }
    if (!text->empty()) texts.push_back(*text);
  }
  std::string joined;
  for (const std::string& text : texts) joined += (joined.empty() ? "" : "\n") + text;
  if (!core::trimmed(joined).empty() || allText) return joined;
  return std::nullopt;
}

std::string stringField(const json& message, const char* field) {
  const json value = message.value(field, json());
  return value.is_string() ? core::trimmed(value.get<std::string>()) : "";
}

// "tool_call id=… name=… arguments=…" lines for an assistant message's well-formed tool_calls.
std::string renderedToolCalls(const json& toolCalls) {
  if (!toolCalls.is_array()) return "";
  std::string lines;
  for (const json& call : toolCalls) {
    if (!call.is_object() || !call.value("function", json()).is_object()) continue;
    const std::string id = stringField(call, "id");
    const json& function = call.at("function");
    const std::string name = stringField(function, "name");
    if (id.empty() || name.empty()) continue;
    const json arguments = function.value("arguments", json());
    const std::string argumentText = arguments.is_string() ? arguments.get<std::string>()
                                     : arguments.is_null() ? ""
                                                           : arguments.dump();
    lines += (lines.empty() ? "" : "\n") +
             ("tool_call id=" + id + " name=" + name + " arguments=" + argumentText);
  }
  return lines;
}

struct Entry {
  std::string role;  // user, assistant or tool
  std::string sender;
  std::string body;
};

std::string joinedNonEmpty(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    out += (out.empty() ? "" : separator) + part;
  }
  return out;
}

std::string messageOfEntries(const std::vector<Entry>& entries) {
  if (entries.empty()) return "";
  std::size_t current = entries.size() - 1;
  for (std::size_t i = entries.size(); i-- > 0;) {
    if (entries[i].role == "user" || entries[i].role == "tool") {
      current = i;
      break;
    }
  }
  std::string history;
  for (std::size_t i = 0; i < current; ++i) {
    history += (i == 0 ? "" : "\n") + entries[i].sender + ": " + entries[i].body;
  }
  const Entry& last = entries[current];
  if (history.empty() && last.role != "tool") return last.body;
  const std::string currentMessage = last.sender + ": " + last.body;
  if (core::trimmed(history).empty()) return currentMessage;
  return std::string(kHistoryMarker) + "\n" + history + "\n\n" + kCurrentMarker + "\n" +
         currentMessage;
}

ToolChoiceConstraint functionChoice(const json& choice) {
  const json function = choice.value("function", json());
  const std::string name = function.is_object() ? stringField(function, "name") : "";
  if (name.empty()) throw std::invalid_argument("tool_choice.function.name is required");
  return {name};
}

}  // namespace

AgentPrompt agentPromptFromMessages(const json& messages) {
  AgentPrompt prompt;
  if (!messages.is_array()) return prompt;
  std::vector<std::string> systemParts;
  std::vector<Entry> entries;
  for (const json& message : messages) {
    if (!message.is_object()) continue;
    const std::string role = stringField(message, "role");
    if (role.empty()) continue;
    const json content = message.value("content", json());
    std::optional<std::string> text = role == "function" && content.is_null()
                                          ? std::optional<std::string>("")
                                          : textContent(content);
    if (text) text = core::trimmed(*text);
    if (role == "system" || role == "developer") {
      if (text && !text->empty()) systemParts.push_back(*text);
      continue;
    }
    const std::string normalized = role == "function" ? "tool" : role;
    if (normalized != "user" && normalized != "assistant" && normalized != "tool") continue;
    const std::string calls =
        normalized == "assistant" ? renderedToolCalls(message.value("tool_calls", json())) : "";
    const std::string body = joinedNonEmpty({text.value_or(""), calls}, "\n");
    const std::string name = stringField(message, "name");
    const std::string toolCallId = stringField(message, "tool_call_id");
    const bool toolResult = normalized == "tool" &&
                            !(role == "function" ? name : toolCallId).empty() && text.has_value() &&
                            (role != "function" || content.is_string() || content.is_null());
    if (body.empty() && !toolResult) continue;
    const std::string sender = normalized == "assistant" ? "Assistant"
                               : normalized == "user"    ? "User"
                               : !toolCallId.empty()     ? "Tool:" + toolCallId
                               : !name.empty()           ? "Tool:" + name
                                                         : "Tool";
    entries.push_back({normalized, sender, body});
  }
  prompt.message = messageOfEntries(entries);
  prompt.extraSystemPrompt = joinedNonEmpty(systemParts, "\n\n");
  return prompt;
}

ClientTools clientToolsOf(const json& tools, const json& toolChoice) {
  ClientTools result;
  if (!tools.is_null()) {
    if (!tools.is_array()) throw std::invalid_argument("tools must be an array");
    for (const json& tool : tools) {
      if (!tool.is_object()) throw std::invalid_argument("each tool must be an object");
      if (tool.value("type", json()) != "function") {
        throw std::invalid_argument("only function tools are supported");
      }
      const json function = tool.value("function", json());
      if (!function.is_object()) throw std::invalid_argument("tool.function is required");
      agent::ToolDefinition definition;
      definition.name = stringField(function, "name");
      if (definition.name.empty()) throw std::invalid_argument("tool.function.name is required");
      const json description = function.value("description", json());
      if (description.is_string()) definition.description = description;
      const json parameters = function.value("parameters", json());
      definition.parameters = parameters.is_object()
                                  ? parameters
                                  : json{{"type", "object"}, {"properties", json::object()}};
      result.tools.push_back(std::move(definition));
    }
  }
  if (toolChoice.is_null() || toolChoice == "auto") return result;
  if (toolChoice == "none") {
    result.tools.clear();
    return result;
  }
  ToolChoiceConstraint constraint;
  if (toolChoice == "required") {
    // any client tool
  } else if (!toolChoice.is_object()) {
    throw std::invalid_argument("tool_choice must be a string or object");
  } else if (toolChoice.value("type", json()) == "function") {
    constraint = functionChoice(toolChoice);
  } else if (toolChoice.value("type", json()).is_string()) {
    throw std::invalid_argument("tool_choice " + toolChoice.at("type").get<std::string>() +
                                " is not supported");
  } else {
    throw std::invalid_argument("unsupported tool_choice type");
  }
  if (constraint.function) {
    std::erase_if(result.tools, [&](const agent::ToolDefinition& tool) {
      return tool.name != *constraint.function;
    });
  }
  if (result.tools.empty()) {
    throw std::invalid_argument(constraint.function
                                    ? "tool_choice requested unknown tool: " + *constraint.function
                                    : "tool_choice=required but no tools were provided");
  }
  result.instruction =
      constraint.function ? "You must call the " + *constraint.function + " tool before responding."
                          : "You must call one of the available tools before responding.";
  result.constraint = constraint;
  return result;
}

bool constraintMet(const ToolChoiceConstraint& constraint,
                   const std::vector<agent::ToolCall>& calls) {
  if (!constraint.function) return !calls.empty();
  return std::any_of(calls.begin(), calls.end(), [&](const agent::ToolCall& call) {
    return call.name == *constraint.function;
  });
}

std::string unmetConstraintMessage(const ToolChoiceConstraint& constraint) {
  return constraint.function ? "tool_choice required a " + *constraint.function +
                                   " tool call, but the agent did not produce one"
                             : "tool_choice=required was not satisfied by the agent response";
}

protocol::Result<ChatCompletionRequest> parseChatCompletionRequest(const json& body) {
  struct Field {
    const char* name;
    const char* type;
    bool nullable;
  };
  for (const Field& field :
       {Field{"model", "string", false}, Field{"stream", "boolean", true},
        Field{"stream_options", "object", true}, Field{"tools", "array", false},
        Field{"messages", "array", false}, Field{"user", "string", false},
        Field{"max_tokens", "number", true}, Field{"max_completion_tokens", "number", true},
        Field{"temperature", "number", true}, Field{"top_p", "number", true},
        Field{"frequency_penalty", "number", true}, Field{"presence_penalty", "number", true},
        Field{"seed", "number", true}}) {
    if (auto error = checkType(body, field.name, field.type, field.nullable)) return *error;
  }
  if (present(body, "stream_options")) {
    if (auto error = checkType(body.at("stream_options"), "include_usage", "boolean", false)) {
      return GatewayError::invalidRequest("stream_options." + error->message);
    }
  }
  ChatCompletionRequest request;
  if (body.contains("model")) request.model = body.at("model");
  request.stream = body.value("stream", json()) == true;
  request.includeUsage = request.stream && present(body, "stream_options") &&
                         body.at("stream_options").value("include_usage", json()) == true;
  if (body.contains("user")) request.user = body.at("user").get<std::string>();

  auto completionCap = tokenCap(body, "max_completion_tokens");
  if (!completionCap) return completionCap.error();
  auto legacyCap = tokenCap(body, "max_tokens");
  if (!legacyCap) return legacyCap.error();
  request.maxTokens = completionCap->has_value() ? *completionCap : *legacyCap;

  if (auto error = responseFormatError(body)) {
    return GatewayError::invalidRequest("Invalid response_format: " + *error);
  }
  if (auto error = stopError(body)) return *error;
  if (auto error = samplingError(body)) return GatewayError::invalidRequest(*error);

  const json messages = body.value("messages", json::array());
  request.prompt = agentPromptFromMessages(messages);
  try {
    request.tools = clientToolsOf(body.value("tools", json()), body.value("tool_choice", json()));
  } catch (const std::invalid_argument& bad) {
    return GatewayError::invalidRequest(std::string("Invalid tools/tool_choice: ") + bad.what());
  }
  // The current user message's image_url parts (upstream fetches and attaches them).
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (!it->is_object()) continue;
    const std::string role = stringField(*it, "role");
    if (role != "user" && role != "tool" && role != "function") continue;
    const json content = it->value("content", json());
    request.hasImages = role == "user" && content.is_array() &&
                        std::any_of(content.begin(), content.end(), [](const json& part) {
                          return part.is_object() && part.value("type", json()) == "image_url";
                        });
    break;
  }
  return request;
}

}  // namespace openclaw::httpapi
