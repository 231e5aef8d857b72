#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace openclaw::httpapi {

// What a hook mapping's templates can read from one request.
struct HookTemplateContext {
  nlohmann::json payload = nlohmann::json::object();  // the JSON body
  std::map<std::string, std::string> headers;         // lower-case names
  std::map<std::string, std::string> query;           // decoded query parameters
  std::string path;                                   // the sub-path after hooks.path
  std::string now;                                    // ISO time for {{now}}
};

// Upstream's hook templates: every {{expr}} is replaced by the value `expr` names, where expr is
// `path`, `now`, `headers.<name>`, `query.<name>`, `payload.<path>` or a bare <path> into the
// payload; a <path> is dotted keys with [n] array indexes ("messages[0].subject"). Missing or
// null values render as "", strings as they are, numbers and booleans as text, objects and
// arrays as JSON. __proto__, prototype and constructor never resolve.
std::string renderHookTemplate(const std::string& text, const HookTemplateContext& context);

// The value at `path` in `root` (dotted keys and [n] indexes), or null.
nlohmann::json valueAtHookPath(const nlohmann::json& root, const std::string& path);

}  // namespace openclaw::httpapi
