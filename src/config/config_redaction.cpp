#include "config/config_redaction.h"

#include <vector>

#include "config/config_schema.h"
#include "config/json5.h"

namespace openclaw::config {
namespace {

using nlohmann::json;
using Path = std::vector<std::string>;

std::string dotted(const Path& path) {
  std::string text;
  for (const std::string& key : path) text += (text.empty() ? "" : ".") + key;
  return text;
}

// Calls `visit(path, value)` for every string under `node`; array items share their array's
// path (a list of secrets is secret as a whole).
template <class Visit>
void eachString(json& node, Path& path, Visit&& visit) {
  if (node.is_string()) {
    visit(path, node);
  } else if (node.is_array()) {
    for (json& item : node) eachString(item, path, visit);
  } else if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      path.push_back(key);
      eachString(value, path, visit);
      path.pop_back();
    }
  }
}

bool isSecretValue(const Path& path, const json& value) {
  return !value.get_ref<const std::string&>().empty() && isSecretConfigPath(path);
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

const json* valueAt(const json& root, const Path& path) {
  const json* node = &root;
  for (const std::string& key : path) {
    if (!node->is_object()) return nullptr;
    auto child = node->find(key);
    if (child == node->end()) return nullptr;
    node = &*child;
  }
  return node;
}

}  // namespace

json redactConfig(const json& config) {
  json redacted = config;
  Path path;
  eachString(redacted, path, [](const Path& at, json& value) {
    if (isSecretValue(at, value)) value = kRedactedValue;
  });
  return redacted;
}

std::optional<std::string> redactConfigText(const std::string& raw, const json& parsed) {
  std::vector<std::string> secrets;
  json copy = parsed;
  Path path;
  eachString(copy, path, [&secrets](const Path& at, json& value) {
    if (isSecretValue(at, value)) secrets.push_back(value.get<std::string>());
  });
  std::string text = raw;
  const std::string placeholder = std::string("\"") + kRedactedValue + "\"";
  for (const std::string& secret : secrets) {
    replaceAll(text, "\"" + secret + "\"", placeholder);
    replaceAll(text, "'" + secret + "'", placeholder);
  }
  for (const std::string& secret : secrets) {
    if (text.find(secret) != std::string::npos) return std::nullopt;
  }
  try {
    if (parseJson5(text) != redactConfig(parsed)) return std::nullopt;
  } catch (const Json5Error&) {
    return std::nullopt;
  }
  return text;
}

UnrestorableRedaction::UnrestorableRedaction(const std::string& key)
    : std::runtime_error(key + ": " + kRedactedValue +
                         " stands for a stored secret, but none is stored there; send the value "
                         "itself") {}

json restoreRedacted(json candidate, const json& stored) {
  Path path;
  eachString(candidate, path, [&stored](const Path& at, json& value) {
    if (value.get_ref<const std::string&>() != kRedactedValue) return;
    const json* original = valueAt(stored, at);
    if (original == nullptr || !original->is_string()) throw UnrestorableRedaction(dotted(at));
    value = *original;
  });
  return candidate;
}

}  // namespace openclaw::config
