#include "config/config_schema.h"

#include <algorithm>
#include <cctype>

extern const char kConfigSchemaText[];

namespace openclaw::config {
namespace {

using nlohmann::json;

// `node` with every {"$ref": "#/definitions/<name>", ...} replaced by that definition, the
// reference's sibling keywords (a title) taking precedence.
json inlined(const json& node, const json& definitions) {
  if (node.is_array()) {
    json items = json::array();
    for (const json& item : node) items.push_back(inlined(item, definitions));
    return items;
  }
  if (!node.is_object()) return node;
  json result = json::object();
  if (auto ref = node.find("$ref"); ref != node.end()) {
    const std::string prefix = "#/definitions/";
    const std::string target = ref->get<std::string>();
    result = inlined(definitions.at(target.substr(prefix.size())), definitions);
  }
  for (const auto& [key, value] : node.items()) {
    if (key != "$ref") result[key] = inlined(value, definitions);
  }
  return result;
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool namedLikeSecret(const std::string& key) {
  const std::string name = lowered(key);
  if (name.ends_with("file") || name.ends_with("path")) return false;
  return name.ends_with("token") || name.find("password") != std::string::npos ||
         name.find("secret") != std::string::npos || name.find("apikey") != std::string::npos ||
         name.find("api_key") != std::string::npos;
}

void collectHints(const json& node, const std::string& path, json& hints) {
  if (!node.is_object()) return;
  json hint = json::object();
  if (node.contains("title")) hint["label"] = node.at("title");
  if (node.contains("description")) hint["help"] = node.at("description");
  if (node.value("writeOnly", false)) hint["sensitive"] = true;
  if (!hint.empty() && !path.empty()) hints[path] = hint;
  const std::string prefix = path.empty() ? "" : path + ".";
  if (auto properties = node.find("properties"); properties != node.end()) {
    for (const auto& [key, child] : properties->items()) collectHints(child, prefix + key, hints);
  }
  if (auto extra = node.find("additionalProperties"); extra != node.end()) {
    collectHints(*extra, prefix + "*", hints);
  }
}

void collectLeaves(const json& node, const std::string& path, std::vector<std::string>& keys) {
  auto properties = node.find("properties");
  if (properties == node.end()) {
    keys.push_back(path);
    return;
  }
  const std::string prefix = path.empty() ? "" : path + ".";
  for (const auto& [key, child] : properties->items()) collectLeaves(child, prefix + key, keys);
}

}  // namespace

const json& configSchema() {
  static const json schema = [] {
    json text = json::parse(kConfigSchemaText);
    const json definitions = text.value("definitions", json::object());
    text.erase("definitions");
    return inlined(text, definitions);
  }();
  return schema;
}

const json& configUiHints() {
  static const json hints = [] {
    json collected = json::object();
    collectHints(configSchema(), "", collected);
    return collected;
  }();
  return hints;
}

const std::vector<std::string>& configLeafKeys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> collected;
    collectLeaves(configSchema(), "", collected);
    return collected;
  }();
  return keys;
}

bool isSecretConfigPath(const std::vector<std::string>& path) {
  if (path.empty()) return false;
  const json* node = &configSchema();
  for (const std::string& key : path) {
    const json* next = nullptr;
    if (auto properties = node->find("properties"); properties != node->end()) {
      if (auto child = properties->find(key); child != properties->end()) next = &*child;
    }
    if (next == nullptr) {
      if (auto extra = node->find("additionalProperties");
          extra != node->end() && extra->is_object()) {
        next = &*extra;
      }
    }
    if (next == nullptr) return namedLikeSecret(path.back());
    node = next;
  }
  return node->value("writeOnly", false) || namedLikeSecret(path.back());
}

}  // namespace openclaw::config
