#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config_file.h"

namespace openclaw::config {

// One entry of hooks.mappings: which POST <hooks.path>/<subpath> it owns and the wake or agent
// action it renders from the request ({{...}} templates, httpapi/hook_template.h).
struct HookMappingSettings {
  std::string id;           // "mapping-<n>" (1-based) when unset
  std::string matchPath;    // match.path without leading/trailing '/'; "" matches any path
  std::string matchSource;  // match.source: the payload's string `source` must equal it; "" any
  bool wake = false;        // action "wake" (else "agent")
  bool wakeNow = true;      // wakeMode "now" (else "next-heartbeat")
  std::string name;         // templates; "" when unset
  std::string agentId;
  std::string sessionKey;
  bool persistent = false;  // sessionMode "persistent" (else "isolated")
  std::string messageTemplate;
  std::string textTemplate;
  std::optional<bool> deliver;
  std::string channel;  // "" when unset ("last")
  std::string to;
  std::string model;
  std::string thinking;
  std::optional<std::int64_t> timeoutSeconds;
  bool operator==(const HookMappingSettings&) const = default;
};

// hooks.*: the webhook ingress on the gateway port (httpapi/hook_routes.h).
struct HookSettings {
  bool enabled = false;
  std::string token;            // required (non-empty) when enabled
  std::string path = "/hooks";  // leading '/', no trailing '/'; never "/"
  // allowedAgentIds: nullopt (unset or containing "*") allows every agent; [] denies all.
  std::optional<std::vector<std::string>> allowedAgentIds;
  std::string defaultSessionKey;
  bool allowRequestSessionKey = false;
  // allowedSessionKeyPrefixes lowercased, blanks dropped; nullopt when none remain.
  std::optional<std::vector<std::string>> allowedSessionKeyPrefixes;
  std::vector<HookMappingSettings> mappings;
  bool operator==(const HookSettings&) const = default;
};

// The most hooks.mappings entries a config may list.
inline constexpr std::size_t kMaxHookMappings = 256;
// The body bound of every hook request (upstream's 256 KiB).
inline constexpr std::size_t kHookBodyLimit = 256 * 1024;

// Whether `sessionKey` starts (case-insensitively) with one of `prefixes` (already lowercased).
bool hookSessionKeyAllowed(const std::string& sessionKey, const std::vector<std::string>& prefixes);

// Whether `text` holds a {{...}} template expression.
bool hasHookTemplate(const std::string& text);

// Reads hooks.*, with upstream's refusals as ConfigError: enabled without a token, a path of
// "/", a defaultSessionKey outside allowedSessionKeyPrefixes, prefixes that refuse generated
// "hook:" keys when there is no defaultSessionKey, and templated mapping session keys without a
// prefix allowlist; plus wrong types and more than kMaxHookMappings mappings.
HookSettings resolveHookSettings(const ConfigFile& config);

}  // namespace openclaw::config
