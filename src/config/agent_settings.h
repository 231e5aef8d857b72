#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config_file.h"
#include "config/heartbeat_settings.h"

namespace openclaw::config {

// agents.entries.<id>.identity: how the agent presents itself (upstream's IdentityConfig).
struct AgentIdentitySettings {
  std::optional<std::string> name;
  std::optional<std::string> theme;
  std::optional<std::string> emoji;
  std::optional<std::string> avatar;  // an http(s) or data: URL, or a workspace path
  bool operator==(const AgentIdentitySettings&) const = default;
};

// One configured agent (agents.entries.<id>, or an entry of the older agents.list array). Every
// agent runs on agents.defaults (model, tools, workspace); an entry names it (and may give it a
// heartbeat of its own).
struct AgentEntrySettings {
  std::string id;  // as written; callers normalize it like any agent id
  std::optional<std::string> name;
  AgentIdentitySettings identity;
  bool isDefault = false;  // `default: true`
  // The agent's own heartbeat block, merged over agents.defaults.heartbeat; when any agent has
  // one, only those agents run heartbeats.
  std::optional<HeartbeatBlock> heartbeat;
  bool operator==(const AgentEntrySettings&) const = default;
};

struct AgentSettings {
  // agents.entries (in key order), then agents.list; empty: the one implicit agent "main".
  std::vector<AgentEntrySettings> list;
  bool operator==(const AgentSettings&) const = default;
};

// The most agents the config may name.
inline constexpr std::size_t kMaxConfiguredAgents = 256;

// Reads agents.entries and agents.list; throws ConfigError (pointing at the value) for a wrong
// type, an entry without an id, an id configured twice or more than kMaxConfiguredAgents
// agents. Other keys of an entry (upstream's per-agent model, tools, ...) are not read here.
AgentSettings resolveAgentSettings(const ConfigFile& config);

}  // namespace openclaw::config
