#include "browser/browser_tool.h"

#include <stdexcept>

namespace openclaw::browser {

using json = nlohmann::json;

namespace {

std::string text(const json& arguments, const char* key) {
  const auto found = arguments.find(key);
  return found != arguments.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string required(const json& arguments, const char* key, const std::string& action) {
  std::string value = text(arguments, key);
  if (value.empty()) {
    throw std::invalid_argument("browser " + action + " needs \"" + key + "\" (a string)");
  }
  return value;
}

// Copies the listed fields that are present into `body`.
void copyFields(const json& from, json& body, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (const auto found = from.find(key); found != from.end()) body[key] = *found;
  }
}

}  // namespace

BrowserRequest browserToolRequest(const json& arguments) {
  if (!arguments.is_object()) throw std::invalid_argument("browser needs an arguments object");
  const std::string action = text(arguments, "action");
  BrowserRequest request;
  if (const std::string profile = text(arguments, "profile"); !profile.empty()) {
    request.query["profile"] = profile;
  }
  const std::string targetId = text(arguments, "targetId");
  if (action == "status") {
    request.path = "/";
  } else if (action == "start" || action == "stop") {
    request.method = "POST";
    request.path = "/" + action;
  } else if (action == "profiles" || action == "tabs") {
    request.path = "/" + action;
  } else if (action == "open") {
    request.method = "POST";
    request.path = "/tabs/open";
    request.body["url"] = required(arguments, "url", action);
  } else if (action == "focus") {
    request.method = "POST";
    request.path = "/tabs/focus";
    request.body["targetId"] = required(arguments, "targetId", action);
  } else if (action == "close") {
    request.method = "DELETE";
    request.path = "/tabs/" + required(arguments, "targetId", action);
  } else if (action == "navigate") {
    request.method = "POST";
    request.path = "/navigate";
    request.body["url"] = required(arguments, "url", action);
    copyFields(arguments, request.body, {"targetId"});
  } else if (action == "snapshot") {
    request.path = "/snapshot";
    if (!targetId.empty()) request.query["targetId"] = targetId;
    if (const auto max = arguments.find("maxChars"); max != arguments.end() && max->is_number()) {
      request.query["maxChars"] = std::to_string(max->get<std::int64_t>());
    }
  } else if (action == "screenshot") {
    request.method = "POST";
    request.path = "/screenshot";
    copyFields(arguments, request.body, {"targetId", "fullPage"});
  } else if (action == "act") {
    request.method = "POST";
    request.path = "/act";
    const auto nested = arguments.find("request");
    const json& from = nested != arguments.end() && nested->is_object() ? *nested : arguments;
    copyFields(from, request.body, {"kind", "ref", "text", "key", "targetId"});
    if (!request.body.contains("targetId") && !targetId.empty()) {
      request.body["targetId"] = targetId;
    }
  } else {
    throw std::invalid_argument(
        "browser needs \"action\": status, start, stop, profiles, tabs, open, focus, close, "
        "navigate, snapshot, screenshot or act");
  }
  return request;
}

agent::ToolDefinition BrowserTool::definition() const {
  const json string = {{"type", "string"}};
  return {"browser",
          "Control a Chromium browser the gateway runs: open tabs, navigate, read a snapshot of "
          "the page with element refs (e1, e2, ...), click/type/press by ref, take screenshots "
          "(saved as PNG files; the path is returned).",
          {{"type", "object"},
           {"properties",
            {{"action",
              {{"type", "string"},
               {"enum",
                {"status", "start", "stop", "profiles", "tabs", "open", "focus", "close",
                 "navigate", "snapshot", "screenshot", "act"}}}},
             {"profile", string},
             {"targetId", {{"type", "string"}, {"description", "A tab id from tabs or open"}}},
             {"url", {{"type", "string"}, {"description", "For open and navigate"}}},
             {"kind", {{"type", "string"}, {"enum", {"click", "type", "press"}}}},
             {"ref", {{"type", "string"}, {"description", "An element ref from snapshot"}}},
             {"text", {{"type", "string"}, {"description", "For act type"}}},
             {"key", {{"type", "string"}, {"description", "For act press, e.g. Enter"}}},
             {"fullPage", {{"type", "boolean"}}},
             {"maxChars", {{"type", "integer"}, {"minimum", 1}}}}},
           {"required", {"action"}}}};
}

agent::ToolResult BrowserTool::run(const json& arguments, const agent::ToolContext& context) const {
  BrowserRequest request;
  try {
    request = browserToolRequest(arguments);
  } catch (const std::invalid_argument& error) {
    return {error.what(), true, agent::ToolFailure::Rejected, json::object()};
  }
  const BrowserResponse response =
      service_.handleAndWait(std::move(request), context.cancelled.get());
  if (response.status < 400) return {response.body.dump(), false, {}, response.body};
  const std::string message = response.body.value("error", std::string("browser error"));
  return {message, true,
          response.status < 500 ? agent::ToolFailure::Rejected : agent::ToolFailure::None,
          response.body};
}

}  // namespace openclaw::browser
