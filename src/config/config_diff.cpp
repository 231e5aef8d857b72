#include "config/config_diff.h"

#include <algorithm>

namespace openclaw::config {
namespace {

using nlohmann::json;

std::string child(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

void diff(const json& before, const json& after, const std::string& path,
          std::vector<std::string>& changed) {
  if (!before.is_object() || !after.is_object()) {
    if (before != after) changed.push_back(path);
    return;
  }
  for (const auto& [key, value] : before.items()) {
    auto other = after.find(key);
    if (other == after.end()) {
      changed.push_back(child(path, key));
    } else {
      diff(value, *other, child(path, key), changed);
    }
  }
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key)) changed.push_back(child(path, key));
  }
}

// Every array at or below `node`.
void allArrays(const json& node, const std::string& path, std::vector<std::string>& found) {
  if (node.is_array()) {
    found.push_back(path);
  } else if (node.is_object()) {
    for (const auto& [key, value] : node.items()) allArrays(value, child(path, key), found);
  }
}

bool keepsAllItems(const json& stored, const json& replacement) {
  if (!replacement.is_array()) return false;
  return std::all_of(stored.begin(), stored.end(), [&replacement](const json& item) {
    return std::find(replacement.begin(), replacement.end(), item) != replacement.end();
  });
}

void removals(const json& stored, const json& patch, const std::string& path,
              std::vector<std::string>& found) {
  for (const auto& [key, value] : patch.items()) {
    auto current = stored.find(key);
    if (current == stored.end()) continue;
    const std::string at = child(path, key);
    if (value.is_null()) {
      allArrays(*current, at, found);
    } else if (current->is_array()) {
      if (!keepsAllItems(*current, value)) found.push_back(at);
    } else if (current->is_object() && value.is_object()) {
      removals(*current, value, at, found);
    } else if (!value.is_object()) {
      allArrays(*current, at, found);  // an object replaced by a scalar or an array
    }
  }
}

}  // namespace

std::vector<std::string> changedConfigPaths(const json& before, const json& after) {
  std::vector<std::string> changed;
  diff(before, after, "", changed);
  std::sort(changed.begin(), changed.end());
  return changed;
}

std::vector<std::string> arrayRemovals(const json& stored, const json& patch) {
  std::vector<std::string> found;
  if (stored.is_object() && patch.is_object()) removals(stored, patch, "", found);
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace openclaw::config
