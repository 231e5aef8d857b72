#include "doctor/known_keys.h"

#include <algorithm>

#include "config/config_schema.h"

namespace openclaw::doctor {
namespace {

bool isKnownLeaf(const std::string& key) {
  const auto& known = knownConfigKeys();
  return std::find(known.begin(), known.end(), key) != known.end();
}

// Whether `key` is an object that holds known keys (gateway.auth for gateway.auth.token).
bool isKnownSection(const std::string& key) {
  const std::string prefix = key + ".";
  const auto& known = knownConfigKeys();
  return std::any_of(known.begin(), known.end(),
                     [&](const std::string& leaf) { return leaf.rfind(prefix, 0) == 0; });
}

void collectUnknown(const nlohmann::json& object, const std::string& dotted,
                    const std::string& pointer, std::vector<std::string>& unknown) {
  for (const auto& [name, value] : object.items()) {
    const std::string key = dotted + "." + name;
    const std::string childPointer = pointer + "/" + name;
    if (isKnownLeaf(key)) continue;
    if (!isKnownSection(key)) {
      unknown.push_back(childPointer);
    } else if (value.is_object()) {
      collectUnknown(value, key, childPointer, unknown);
    }
  }
}

}  // namespace

const std::vector<std::string>& knownConfigKeys() { return config::configLeafKeys(); }

std::vector<std::string> unknownConfigKeys(const config::ConfigFile& file) {
  std::vector<std::string> unknown;
  for (const char* section : {"gateway", "logging", "tools"}) {
    auto found = file.root.find(section);
    if (found != file.root.end() && found->is_object()) {
      collectUnknown(*found, section, std::string("/") + section, unknown);
    }
  }
  return unknown;
}

}  // namespace openclaw::doctor
