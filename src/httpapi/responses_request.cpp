#include "httpapi/responses_request.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;
using Issue = std::optional<std::string>;  // "path: message", as upstream words zod's first issue
using Keys = std::initializer_list<std::string_view>;

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

// How zod names what it received.
std::string received(const json* value) {
  if (value == nullptr) return "undefined";
  if (value->is_null()) return "null";
  if (value->is_boolean()) return "boolean";
  if (value->is_number()) return "number";
  if (value->is_string()) return "string";
  if (value->is_array()) return "array";
  return "object";
}

std::string at(const std::string& path, const std::string& message) {
  return path + ": " + message;
}

std::string expected(const std::string& path, const std::string& type, const json* value) {
  return at(path, "Invalid input: expected " + type + ", received " + received(value));
}

const json* field(const json& object, const char* name) {
  const auto found = object.find(name);
  return found == object.end() ? nullptr : &*found;
}

std::string quotedList(const std::vector<std::string>& values, const char* separator) {
  std::string out;
  for (const std::string& value : values)
    out += (out.empty() ? "" : separator) + json(value).dump();
  return out;
}

// zod's strict objects: the keys `object` has beyond `known`.
Issue unknownKeys(const json& object, Keys known, const std::string& path) {
  std::vector<std::string> extra;
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) extra.push_back(key);
  }
  if (extra.empty()) return std::nullopt;
  return at(path, std::string("Unrecognized key") + (extra.size() > 1 ? "s" : "") + ": " +
                      quotedList(extra, ", "));
}

bool isOneOf(const json& value, Keys options) {
  return value.is_string() &&
         std::find(options.begin(), options.end(), value.get<std::string>()) != options.end();
}

Issue optionalString(const json& object, const char* name, const std::string& path) {
  const json* value = field(object, name);
  if (value == nullptr || value->is_string()) return std::nullopt;
  return expected(path + name, "string", value);
}

Issue optionalBoolean(const json& object, const char* name) {
  const json* value = field(object, name);
  if (value == nullptr || value->is_boolean()) return std::nullopt;
  return expected(name, "boolean", value);
}

Issue optionalEnum(const json& object, const char* name, Keys options, const std::string& path) {
  const json* value = field(object, name);
  if (value == nullptr || isOneOf(*value, options)) return std::nullopt;
  std::vector<std::string> shown(options.begin(), options.end());
  return at(path + name, "Invalid option: expected one of " + quotedList(shown, "|"));
}

// number().int().positive()
Issue optionalPositiveInteger(const json& object, const char* name) {
  const json* value = field(object, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) return expected(name, "number", value);
  const double number = value->get<double>();
  if (number != std::floor(number) || std::abs(number) > kMaxSafeInteger) {
    return at(name, "Invalid input: expected int, received number");
  }
  if (number <= 0) return at(name, "Too small: expected number to be >0");
  return std::nullopt;
}

// number().min(low).max(high)
Issue optionalRange(const json& object, const char* name, int low, int high) {
  const json* value = field(object, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) return expected(name, "number", value);
  const double number = value->get<double>();
  if (number < low) return at(name, "Too small: expected number to be >=" + std::to_string(low));
  if (number > high) return at(name, "Too big: expected number to be <=" + std::to_string(high));
  return std::nullopt;
}

bool optionalStringOk(const json& object, const char* name) {
  const json* value = field(object, name);
  return value == nullptr || value->is_string();
}

bool isString(const json* value) { return value != nullptr && value->is_string(); }

// zod's two kinds of failure inside `input`, a union of a string and an item array: a wrong
// type, a missing field, an unknown enum value or item type aborts the array option, and the
// union then reports only "input: Invalid input"; failed checks on well-typed values (string
// lengths, URLs, refinements, unknown keys) do not, and the first of them is reported with its
// path.
struct InputCheck {
  bool aborted = false;
  Issue first;

  bool require(bool ok) {
    aborted = aborted || !ok;
    return ok;
  }
  void check(bool ok, const std::string& path, const std::string& message) {
    if (!ok && !first) first = at(path, message);
  }
  void keys(const json& object, Keys known, const std::string& path) {
    if (auto issue = unknownKeys(object, known, path); issue && !first) first = issue;
  }
};

constexpr const char* kTooShort = "Too small: expected string to have >=1 characters";

// string().url(): a scheme followed by ':' and more.
bool looksLikeUrl(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string::npos || colon + 1 == text.size()) return false;
  return std::isalpha(static_cast<unsigned char>(text[0])) &&
         std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
         });
}

// input_image / input_file `source`: {type:"url", url} or {type:"base64", media_type, data}.
void checkSource(InputCheck& check, const json* source, bool image, const std::string& path) {
  if (!check.require(source != nullptr && source->is_object())) return;
  const json type = source->value("type", json());
  if (type == "url") {
    const json* url = field(*source, "url");
    if (check.require(isString(url))) {
      check.check(looksLikeUrl(url->get<std::string>()), path + ".url", "Invalid URL");
    }
    return;
  }
  if (!check.require(type == "base64")) return;
  const json* mediaType = field(*source, "media_type");
  const json* data = field(*source, "data");
  if (image) {
    check.require(mediaType != nullptr &&
                  isOneOf(*mediaType, {"image/jpeg", "image/png", "image/gif", "image/webp",
                                       "image/heic", "image/heif"}));
  } else if (check.require(isString(mediaType))) {
    check.check(!mediaType->get<std::string>().empty(), path + ".media_type", kTooShort);
  }
  if (check.require(isString(data))) {
    check.check(!data->get<std::string>().empty(), path + ".data", kTooShort);
  }
  if (!image) check.require(optionalStringOk(*source, "filename"));
}

void checkPart(InputCheck& check, const json& part, const std::string& path) {
  if (!check.require(part.is_object())) return;
  const json type = part.value("type", json());
  if (type == "input_text" || type == "output_text") {
    check.require(isString(field(part, "text")));
    check.keys(part, {"type", "text"}, path);
  } else if (check.require(type == "input_image" || type == "input_file")) {
    checkSource(check, field(part, "source"), type == "input_image", path + ".source");
    check.keys(part, {"type", "source"}, path);
  }
}

void checkItemStatus(InputCheck& check, const json& item) {
  const json* status = field(item, "status");
  check.require(status == nullptr || isOneOf(*status, {"in_progress", "completed", "incomplete"}));
}

void checkMessage(InputCheck& check, const json& item, const std::string& path) {
  check.require(optionalStringOk(item, "id"));
  const json* role = field(item, "role");
  check.require(role != nullptr && isOneOf(*role, {"system", "developer", "user", "assistant"}));
  const json* content = field(item, "content");
  if (check.require(content != nullptr && (content->is_string() || content->is_array())) &&
      content->is_array()) {
    for (std::size_t i = 0; i < content->size(); ++i) {
      checkPart(check, (*content)[i], path + ".content." + std::to_string(i));
    }
  }
  const json* phase = field(item, "phase");
  check.require(phase == nullptr || isOneOf(*phase, {"commentary", "final_answer"}));
  checkItemStatus(check, item);
  check.keys(item, {"type", "id", "role", "content", "phase", "status"}, path);
  if (phase != nullptr && role != nullptr && !check.aborted) {
    check.check(*role == "assistant", path + ".phase",
                "`phase` is only valid on assistant messages.");
  }
}

void checkItem(InputCheck& check, const json& item, const std::string& path) {
  if (!check.require(item.is_object())) return;
  const json type = item.value("type", json());
  if (type == "message") {
    checkMessage(check, item, path);
  } else if (type == "function_call") {
    check.require(optionalStringOk(item, "id") && optionalStringOk(item, "call_id") &&
                  isString(field(item, "name")) && isString(field(item, "arguments")));
    checkItemStatus(check, item);
    check.keys(item, {"type", "id", "call_id", "name", "arguments", "status"}, path);
  } else if (type == "function_call_output") {
    check.require(isString(field(item, "call_id")) && isString(field(item, "output")));
    check.keys(item, {"type", "call_id", "output"}, path);
  } else if (type == "reasoning") {
    check.require(optionalStringOk(item, "content") &&
                  optionalStringOk(item, "encrypted_content") && optionalStringOk(item, "summary"));
    check.keys(item, {"type", "content", "encrypted_content", "summary"}, path);
  } else if (check.require(type == "item_reference")) {
    check.require(isString(field(item, "id")));
    check.keys(item, {"type", "id"}, path);
  }
}

Issue inputIssue(const json* input) {
  if (input != nullptr && input->is_string()) return std::nullopt;
  InputCheck check;
  if (check.require(input != nullptr && input->is_array())) {
    for (std::size_t i = 0; i < input->size(); ++i) {
      checkItem(check, (*input)[i], "input." + std::to_string(i));
    }
  }
  if (check.aborted) return at("input", "Invalid input");
  return check.first;
}

Issue toolIssue(const json& tool, const std::string& path) {
  if (!tool.is_object()) return expected(path, "object", &tool);
  const json* type = field(tool, "type");
  if (type == nullptr || *type != "function") {
    return at(path + ".type", "Invalid input: expected \"function\"");
  }
  const json* name = field(tool, "name");
  if (!isString(name)) return expected(path + ".name", "string", name);
  if (name->get<std::string>().empty()) return at(path + ".name", "Tool name cannot be empty");
  if (auto issue = optionalString(tool, "description", path + ".")) return issue;
  const json* parameters = field(tool, "parameters");
  if (parameters != nullptr && !parameters->is_object()) {
    return expected(path + ".parameters", "record", parameters);
  }
  const json* strict = field(tool, "strict");
  if (strict != nullptr && !strict->is_boolean()) {
    return expected(path + ".strict", "boolean", strict);
  }
  return unknownKeys(tool, {"type", "name", "description", "parameters", "strict"}, path);
}

Issue toolsIssue(const json* tools) {
  if (tools == nullptr) return std::nullopt;
  if (!tools->is_array()) return expected("tools", "array", tools);
  for (std::size_t i = 0; i < tools->size(); ++i) {
    if (auto issue = toolIssue((*tools)[i], "tools." + std::to_string(i))) return issue;
  }
  return std::nullopt;
}

// "auto", "none", "required", {type:"function", name} or {type:"function", function:{name}}
// (both strict); as in `input`, only a well-typed object option reports its own failure.
Issue toolChoiceIssue(const json* choice) {
  if (choice == nullptr || isOneOf(*choice, {"auto", "none", "required"})) return std::nullopt;
  const bool functionChoice = choice->is_object() && choice->value("type", json()) == "function";
  const json* name = functionChoice ? field(*choice, "name") : nullptr;
  const json* function = functionChoice ? field(*choice, "function") : nullptr;
  const json* nested =
      function != nullptr && function->is_object() ? field(*function, "name") : nullptr;
  if (isString(name) && function == nullptr) {
    if (name->get<std::string>().empty()) return at("tool_choice.name", kTooShort);
    return unknownKeys(*choice, {"type", "name"}, "tool_choice");
  }
  if (isString(nested) && name == nullptr) {
    if (nested->get<std::string>().empty()) return at("tool_choice.function.name", kTooShort);
    return unknownKeys(*choice, {"type", "function"}, "tool_choice");
  }
  return at("tool_choice", "Invalid input");
}

// text: {format: {type: "text"}}, both strict.
Issue textIssue(const json* text) {
  if (text == nullptr) return std::nullopt;
  if (!text->is_object()) return expected("text", "object", text);
  const json* format = field(*text, "format");
  if (format == nullptr || !format->is_object()) return expected("text.format", "object", format);
  if (format->value("type", json()) != "text") {
    return at("text.format.type", "Invalid input: expected \"text\"");
  }
  if (auto issue = unknownKeys(*format, {"type"}, "text.format")) return issue;
  return unknownKeys(*text, {"format"}, "text");
}

Issue metadataIssue(const json* metadata) {
  if (metadata == nullptr) return std::nullopt;
  if (!metadata->is_object()) return expected("metadata", "record", metadata);
  for (const auto& [key, value] : metadata->items()) {
    if (!value.is_string()) return expected("metadata." + key, "string", &value);
  }
  return std::nullopt;
}

Issue reasoningIssue(const json* reasoning) {
  if (reasoning == nullptr) return std::nullopt;
  if (!reasoning->is_object()) return expected("reasoning", "object", reasoning);
  if (auto issue = optionalEnum(*reasoning, "effort", {"low", "medium", "high"}, "reasoning.")) {
    return issue;
  }
  return optionalEnum(*reasoning, "summary", {"auto", "concise", "detailed"}, "reasoning.");
}

// The first issue in upstream's schema order, then the unknown top-level keys.
Issue bodyIssue(const json& body) {
  const json* model = field(body, "model");
  if (!isString(model)) return expected("model", "string", model);
  if (auto issue = inputIssue(field(body, "input"))) return issue;
  if (auto issue = optionalString(body, "instructions", "")) return issue;
  if (auto issue = toolsIssue(field(body, "tools"))) return issue;
  if (auto issue = toolChoiceIssue(field(body, "tool_choice"))) return issue;
  if (auto issue = textIssue(field(body, "text"))) return issue;
  if (auto issue = optionalBoolean(body, "stream")) return issue;
  if (auto issue = optionalPositiveInteger(body, "max_output_tokens")) return issue;
  if (auto issue = optionalPositiveInteger(body, "max_tool_calls")) return issue;
  if (auto issue = optionalString(body, "user", "")) return issue;
  if (auto issue = optionalRange(body, "temperature", 0, 2)) return issue;
  if (auto issue = optionalRange(body, "top_p", 0, 1)) return issue;
  if (auto issue = metadataIssue(field(body, "metadata"))) return issue;
  if (auto issue = optionalBoolean(body, "store")) return issue;
  if (auto issue = optionalString(body, "previous_response_id", "")) return issue;
  if (auto issue = reasoningIssue(field(body, "reasoning"))) return issue;
  if (auto issue = optionalEnum(body, "truncation", {"auto", "disabled"}, "")) return issue;
  return unknownKeys(body,
                     {"model", "input", "instructions", "tools", "tool_choice", "text", "stream",
                      "max_output_tokens", "max_tool_calls", "user", "temperature", "top_p",
                      "metadata", "store", "previous_response_id", "reasoning", "truncation"},
                     "");
}

// A message item's text: the string, or its input_text/output_text parts joined by newlines.
std::string messageText(const json& content) {
  if (content.is_string()) return core::trimmed(content.get<std::string>());
  std::string text;
  for (const json& part : content) {
    const json type = part.at("type");
    if (type != "input_text" && type != "output_text") continue;
    const std::string piece = part.at("text");
    if (!piece.empty()) text += (text.empty() ? "" : "\n") + piece;
  }
  return core::trimmed(text);
}

bool hasMedia(const json& content) {
  return content.is_array() && std::any_of(content.begin(), content.end(), [](const json& part) {
           return part.at("type") == "input_image" || part.at("type") == "input_file";
         });
}

// The index of the current user message: the last one, unless a tool result follows it.
std::optional<std::size_t> currentUserMessage(const json& items) {
  for (std::size_t i = items.size(); i-- > 0;) {
    const json& item = items[i];
    if (item.at("type") == "function_call_output") return std::nullopt;
    if (item.at("type") == "message" && item.at("role") == "user") return i;
  }
  return std::nullopt;
}

json messagesOf(const json& items) {
  json messages = json::array();
  for (const json& item : items) {
    const std::string type = item.at("type");
    if (type == "message") {
      const std::string text = messageText(item.at("content"));
      if (!text.empty()) messages.push_back({{"role", item.at("role")}, {"content", text}});
    } else if (type == "function_call") {
      const json id = item.value("call_id", item.value("id", json("")));
      messages.push_back(
          {{"role", "assistant"},
           {"content", nullptr},
           {"tool_calls",
            json::array({{{"id", id},
                          {"type", "function"},
                          {"function",
                           {{"name", item.at("name")}, {"arguments", item.at("arguments")}}}}})}});
    } else if (type == "function_call_output") {
      messages.push_back(
          {{"role", "tool"}, {"tool_call_id", item.at("call_id")}, {"content", item.at("output")}});
    }
  }
  return messages;
}

json chatTools(const json& tools) {
  json converted = json::array();
  for (const json& tool : tools) {
    json function = tool;
    function.erase("type");
    converted.push_back({{"type", "function"}, {"function", std::move(function)}});
  }
  return converted;
}

json chatToolChoice(const json& choice) {
  if (!choice.is_object() || choice.contains("function")) return choice;
  return {{"type", "function"}, {"function", {{"name", choice.at("name")}}}};
}

}  // namespace

protocol::Result<ResponsesRequest> parseResponsesRequest(const json& body) {
  if (auto issue = bodyIssue(body)) return protocol::GatewayError::invalidRequest(*issue);
  ResponsesRequest request;
  request.model = body.at("model");
  request.stream = body.value("stream", false);
  if (const json* user = field(body, "user")) request.user = user->get<std::string>();
  if (const json* previous = field(body, "previous_response_id")) {
    request.previousResponseId = previous->get<std::string>();
  }
  if (const json* cap = field(body, "max_output_tokens")) {
    // Larger caps than any model takes mean "no cap" in practice: keep the int finite.
    request.maxOutputTokens = static_cast<int>(std::min(cap->get<double>(), 1'000'000'000.0));
  }
  request.instructions = body.value("instructions", "");
  const json& input = body.at("input");
  if (input.is_string()) {
    request.messages.push_back({{"role", "user"}, {"content", input}});
  } else {
    request.messages = messagesOf(input);
    if (auto current = currentUserMessage(input)) {
      request.currentTurnHasMedia = hasMedia(input[*current].at("content"));
    }
  }
  if (const json* tools = field(body, "tools")) request.tools = chatTools(*tools);
  if (const json* choice = field(body, "tool_choice")) request.toolChoice = chatToolChoice(*choice);
  return request;
}

}  // namespace openclaw::httpapi
