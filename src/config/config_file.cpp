#include "config/config_file.h"

#include <algorithm>

#include "config/json5.h"
#include "core/digest.h"
#include "core/files.h"

namespace openclaw::config {
namespace {

std::string describe(const nlohmann::json& value) {
  const std::string text = value.dump();
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

std::string keyName(const std::string& pointer) {
  std::string key = pointer.substr(1);
  for (char& c : key) {
    if (c == '/') c = '.';
  }
  return key;
}

}  // namespace

ConfigError::ConfigError(const std::filesystem::path& file, std::size_t line, std::size_t column,
                         const std::string& reason, std::string key)
    : std::runtime_error(file.string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
                         ": " + reason),
      key_(std::move(key)) {}

ConfigError::ConfigError(const std::filesystem::path& file, const std::string& reason,
                         std::string key)
    : std::runtime_error(file.string() + ": " + reason), key_(std::move(key)) {}

ConfigFile ConfigFile::load(const std::filesystem::path& path) {
  ConfigFile file;
  file.path = path;
  std::optional<std::string> text;
  try {
    text = core::readFile(path);
  } catch (const std::exception& error) {
    throw ConfigError(path, error.what());
  }
  if (!text) return file;
  return parse(path, *text);
}

ConfigFile ConfigFile::parse(const std::filesystem::path& path, const std::string& text) {
  ConfigFile file;
  file.path = path;
  file.exists = true;
  file.hash = core::sha256Hex(text);
  try {
    file.root = parseJson5(text, &file.positions);
  } catch (const Json5Error& error) {
    throw ConfigError(path, error.line(), error.column(), error.reason());
  }
  if (!file.root.is_object()) {
    throw file.errorAt("", "the top level must be an object ({ ... })");
  }
  return file;
}

ConfigError ConfigFile::errorAt(const std::string& pointer, const std::string& reason) const {
  const std::string key = pointer.empty() ? "" : keyName(pointer);
  const std::string message = key.empty() ? reason : key + ": " + reason;
  if (auto at = positions.find(pointer); at != positions.end()) {
    return ConfigError(path, at->second.first, at->second.second, message, key);
  }
  return ConfigError(path, message, key);
}

const nlohmann::json* ConfigFile::find(const std::string& pointer) const {
  // Pointers here are the project's own ("/gateway/port"): no escaped '/' or '~' in keys.
  const nlohmann::json* node = &root;
  std::string walked;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    const std::size_t end = std::min(pointer.find('/', start), pointer.size());
    const std::string key = pointer.substr(start, end - start);
    if (!node->is_object()) throw errorAt(walked, "must be an object, got " + describe(*node));
    auto child = node->find(key);
    if (child == node->end()) return nullptr;
    walked += "/" + key;
    node = &*child;
    start = end + 1;
  }
  return node->is_null() ? nullptr : node;
}

std::optional<std::string> ConfigFile::string(const std::string& pointer) const {
  const nlohmann::json* value = find(pointer);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) throw errorAt(pointer, "must be a string, got " + describe(*value));
  return value->get<std::string>();
}

std::vector<std::string> ConfigFile::stringList(const std::string& pointer) const {
  const nlohmann::json* value = find(pointer);
  if (value == nullptr) return {};
  if (!value->is_array())
    throw errorAt(pointer, "must be a list of strings, got " + describe(*value));
  std::vector<std::string> items;
  for (const nlohmann::json& item : *value) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      throw errorAt(pointer, "must be a list of non-empty strings");
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

std::optional<std::string> ConfigFile::oneOf(const std::string& pointer,
                                             const std::vector<std::string>& allowed) const {
  auto value = string(pointer);
  if (!value) return std::nullopt;
  for (const std::string& candidate : allowed) {
    if (*value == candidate) return value;
  }
  std::string choices;
  for (const std::string& candidate : allowed) {
    choices += (choices.empty() ? "\"" : ", \"") + candidate + "\"";
  }
  throw errorAt(pointer, "must be one of " + choices + ", got \"" + *value + "\"");
}

std::optional<std::int64_t> ConfigFile::integer(const std::string& pointer, std::int64_t min,
                                                std::int64_t max) const {
  const nlohmann::json* value = find(pointer);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    throw errorAt(pointer, "must be an integer, got " + describe(*value));
  }
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max) {
    throw errorAt(pointer, "must be between " + std::to_string(min) + " and " +
                               std::to_string(max) + ", got " + std::to_string(number));
  }
  return number;
}

std::optional<bool> ConfigFile::boolean(const std::string& pointer) const {
  const nlohmann::json* value = find(pointer);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean())
    throw errorAt(pointer, "must be true or false, got " + describe(*value));
  return value->get<bool>();
}

}  // namespace openclaw::config
