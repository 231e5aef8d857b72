#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config_file.h"

namespace openclaw::config {

// agents.list[].identity: how the agent presents itself (upstream's IdentityConfig).
struct AgentIdentitySettings {
  std::optional<std::string> name;
  std::optional<std::string> theme;
  std::optional<std::string> emoji;
  std::optional<std::string> avatar;  // an http(s) or data: URL, or a workspace path
  bool operator==(const AgentIdentitySettings&) const = default;
};

// One agents.list entry. Every agent runs on agents.defaults (model, tools, workspace); an
// entry only names it.
struct AgentEntrySettings {
  std::string id;  // as written; callers normalize it like any agent id
  std::optional<std::string> name;
  AgentIdentitySettings identity;
  bool isDefault = false;  // `default: true`
  bool operator==(const AgentEntrySettings&) const = default;
};

struct AgentSettings {
  std::vector<AgentEntrySettings> list;  // empty: the one implicit agent "main"
  bool operator==(const AgentSettings&) const = default;
};

// The most agents.list may hold.
inline constexpr std::size_t kMaxConfiguredAgents = 256;

// Reads agents.list; throws ConfigError (pointing at the value) for a wrong type, an entry
// without an id, a duplicate id or more than kMaxConfiguredAgents entries. Other keys of an
// entry (upstream's per-agent model, tools, ...) are not read here.
AgentSettings resolveAgentSettings(const ConfigFile& config);

}  // namespace openclaw::config
