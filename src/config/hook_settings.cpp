#include "config/hook_settings.h"

#include <algorithm>
#include <regex>

#include "core/text.h"

namespace openclaw::config {
namespace {

std::string trimmedString(const ConfigFile& config, const std::string& pointer) {
  return core::trimmed(config.string(pointer).value_or(""));
}

// hooks.path as served: a leading '/', no trailing one.
std::string hookBasePath(const ConfigFile& config) {
  std::string path = trimmedString(config, "/hooks/path");
  if (path.empty()) path = "/hooks";
  if (!path.starts_with('/')) path.insert(path.begin(), '/');
  while (path.size() > 1 && path.ends_with('/')) path.pop_back();
  if (path == "/") throw config.errorAt("/hooks/path", "hooks.path may not be '/'");
  return path;
}

std::string matchPathOf(std::string path) {
  path = core::trimmed(path);
  const auto first = path.find_first_not_of('/');
  if (first == std::string::npos) return "";
  path.erase(0, first);
  while (path.ends_with('/')) path.pop_back();
  return path;
}

std::optional<std::vector<std::string>> allowedAgentIds(const ConfigFile& config) {
  if (!config.root.contains("hooks") || !config.root.at("hooks").contains("allowedAgentIds")) {
    return std::nullopt;
  }
  std::vector<std::string> ids;
  for (const std::string& id : config.stringList("/hooks/allowedAgentIds")) {
    const std::string trimmed = core::trimmed(id);
    if (trimmed == "*") return std::nullopt;
    if (!trimmed.empty()) ids.push_back(core::asciiLowercase(trimmed));
  }
  return ids;
}

std::optional<std::vector<std::string>> sessionKeyPrefixes(const ConfigFile& config) {
  std::vector<std::string> prefixes;
  for (const std::string& prefix : config.stringList("/hooks/allowedSessionKeyPrefixes")) {
    const std::string normalized = core::asciiLowercase(core::trimmed(prefix));
    if (!normalized.empty() &&
        std::find(prefixes.begin(), prefixes.end(), normalized) == prefixes.end()) {
      prefixes.push_back(normalized);
    }
  }
  if (prefixes.empty()) return std::nullopt;
  return prefixes;
}

HookMappingSettings mappingAt(const ConfigFile& file, std::size_t index) {
  const std::string at = "/hooks/mappings/" + std::to_string(index);
  const nlohmann::json& raw = file.root.at("hooks").at("mappings").at(index);
  if (!raw.is_object()) throw file.errorAt(at, "must be an object");
  // The typed accessors walk objects only: the entry is read as hooks.mappings.<index> of an
  // object, which keeps the pointers (and so the positions errors point at) of the array's.
  ConfigFile config = file;
  config.root = {{"hooks", {{"mappings", {{std::to_string(index), raw}}}}}};
  HookMappingSettings mapping;
  mapping.id = trimmedString(config, at + "/id");
  if (mapping.id.empty()) mapping.id = "mapping-" + std::to_string(index + 1);
  mapping.matchPath = matchPathOf(config.string(at + "/match/path").value_or(""));
  mapping.matchSource = trimmedString(config, at + "/match/source");
  mapping.wake = config.oneOf(at + "/action", {"agent", "wake"}).value_or("agent") == "wake";
  mapping.wakeNow =
      config.oneOf(at + "/wakeMode", {"now", "next-heartbeat"}).value_or("now") == "now";
  mapping.name = config.string(at + "/name").value_or("");
  mapping.agentId = trimmedString(config, at + "/agentId");
  mapping.sessionKey = trimmedString(config, at + "/sessionKey");
  mapping.persistent =
      config.oneOf(at + "/sessionMode", {"isolated", "persistent"}).value_or("isolated") ==
      "persistent";
  mapping.messageTemplate = config.string(at + "/messageTemplate").value_or("");
  mapping.textTemplate = config.string(at + "/textTemplate").value_or("");
  mapping.deliver = config.boolean(at + "/deliver");
  mapping.channel = trimmedString(config, at + "/channel");
  mapping.to = config.string(at + "/to").value_or("");
  mapping.model = config.string(at + "/model").value_or("");
  mapping.thinking = config.string(at + "/thinking").value_or("");
  mapping.timeoutSeconds = config.integer(at + "/timeoutSeconds", 1, 7 * 24 * 3600);
  return mapping;
}

std::vector<HookMappingSettings> mappings(const ConfigFile& config) {
  std::vector<HookMappingSettings> list;
  if (!config.root.contains("hooks") || !config.root.at("hooks").contains("mappings")) {
    return list;
  }
  const nlohmann::json& raw = config.root.at("hooks").at("mappings");
  if (!raw.is_array()) throw config.errorAt("/hooks/mappings", "must be an array");
  if (raw.size() > kMaxHookMappings) {
    throw config.errorAt("/hooks/mappings",
                         "lists more than " + std::to_string(kMaxHookMappings) + " mappings");
  }
  for (std::size_t index = 0; index < raw.size(); ++index) {
    list.push_back(mappingAt(config, index));
  }
  return list;
}

// A mapping an earlier one always wins over (upstream counts only the others when it asks
// whether a templated session key needs a prefix allowlist).
bool shadowed(const HookMappingSettings& mapping, const std::vector<HookMappingSettings>& earlier) {
  return std::any_of(earlier.begin(), earlier.end(), [&](const HookMappingSettings& before) {
    if (!before.matchPath.empty() && before.matchPath != mapping.matchPath) return false;
    return before.matchSource.empty() || before.matchSource == mapping.matchSource;
  });
}

bool effectiveTemplatedSessionKey(const std::vector<HookMappingSettings>& list) {
  std::vector<HookMappingSettings> effective;
  for (const HookMappingSettings& mapping : list) {
    if (shadowed(mapping, effective)) continue;
    effective.push_back(mapping);
    if (hasHookTemplate(mapping.sessionKey)) return true;
  }
  return false;
}

}  // namespace

bool hookSessionKeyAllowed(const std::string& sessionKey,
                           const std::vector<std::string>& prefixes) {
  const std::string key = core::asciiLowercase(core::trimmed(sessionKey));
  if (key.empty()) return false;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& prefix) { return key.starts_with(prefix); });
}

bool hasHookTemplate(const std::string& text) {
  static const std::regex expression(R"(\{\{\s*[^}]+\s*\}\})");
  return std::regex_search(text, expression);
}

HookSettings resolveHookSettings(const ConfigFile& config) {
  HookSettings hooks;
  if (config.root.contains("hooks") && !config.root.at("hooks").is_object()) {
    throw config.errorAt("/hooks", "must be an object");
  }
  hooks.enabled = config.boolean("/hooks/enabled").value_or(false);
  hooks.token = trimmedString(config, "/hooks/token");
  hooks.path = hookBasePath(config);
  hooks.allowedAgentIds = allowedAgentIds(config);
  hooks.defaultSessionKey = trimmedString(config, "/hooks/defaultSessionKey");
  hooks.allowRequestSessionKey = config.boolean("/hooks/allowRequestSessionKey").value_or(false);
  hooks.allowedSessionKeyPrefixes = sessionKeyPrefixes(config);
  hooks.mappings = mappings(config);
  if (!hooks.enabled) return hooks;
  if (hooks.token.empty())
    throw config.errorAt("/hooks/enabled", "hooks.enabled requires hooks.token");
  if (const auto& prefixes = hooks.allowedSessionKeyPrefixes) {
    if (!hooks.defaultSessionKey.empty() &&
        !hookSessionKeyAllowed(hooks.defaultSessionKey, *prefixes)) {
      throw config.errorAt("/hooks/defaultSessionKey",
                           "hooks.defaultSessionKey must match hooks.allowedSessionKeyPrefixes");
    }
    if (hooks.defaultSessionKey.empty() && !hookSessionKeyAllowed("hook:example", *prefixes)) {
      throw config.errorAt(
          "/hooks/allowedSessionKeyPrefixes",
          "hooks.allowedSessionKeyPrefixes must include 'hook:' when hooks.defaultSessionKey is "
          "unset");
    }
  } else if (effectiveTemplatedSessionKey(hooks.mappings)) {
    throw config.errorAt("/hooks/mappings",
                         "hooks.allowedSessionKeyPrefixes is required when a hook mapping "
                         "sessionKey uses templates, even if hooks.allowRequestSessionKey=true");
  }
  return hooks;
}

}  // namespace openclaw::config
