#include "config/agent_settings.h"

#include <algorithm>

namespace openclaw::config {
namespace {

// object[key] when it is a string; unset when absent or null. ConfigFile's typed accessors do
// not walk into arrays, so entries of agents.list are read here (`at` is the object's pointer).
std::optional<std::string> stringMember(const ConfigFile& config, const nlohmann::json& object,
                                        const std::string& at, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) throw config.errorAt(at + "/" + key, "must be a string");
  return found->get<std::string>();
}

AgentEntrySettings agentEntry(const ConfigFile& config, const nlohmann::json& object,
                              const std::string& at) {
  if (!object.is_object()) throw config.errorAt(at, "must be an object");
  AgentEntrySettings entry;
  entry.id = stringMember(config, object, at, "id").value_or("");
  if (entry.id.find_first_not_of(" \t") == std::string::npos) {
    throw config.errorAt(at + "/id", "every agent needs a non-empty id");
  }
  entry.name = stringMember(config, object, at, "name");
  const nlohmann::json isDefault = object.value("default", nlohmann::json(false));
  if (!isDefault.is_boolean()) throw config.errorAt(at + "/default", "must be true or false");
  entry.isDefault = isDefault.get<bool>();
  const nlohmann::json identity = object.value("identity", nlohmann::json::object());
  const std::string identityAt = at + "/identity";
  if (!identity.is_object()) throw config.errorAt(identityAt, "must be an object");
  entry.identity.name = stringMember(config, identity, identityAt, "name");
  entry.identity.theme = stringMember(config, identity, identityAt, "theme");
  entry.identity.emoji = stringMember(config, identity, identityAt, "emoji");
  entry.identity.avatar = stringMember(config, identity, identityAt, "avatar");
  if (const auto heartbeat = object.find("heartbeat");
      heartbeat != object.end() && !heartbeat->is_null()) {
    entry.heartbeat = readHeartbeatBlock(config, *heartbeat, at + "/heartbeat");
  }
  return entry;
}

}  // namespace

AgentSettings resolveAgentSettings(const ConfigFile& config) {
  AgentSettings settings;
  const nlohmann::json agents = config.root.value("agents", nlohmann::json::object());
  if (!agents.is_object()) return settings;
  const auto add = [&](AgentEntrySettings entry, const std::string& at) {
    if (settings.list.size() == kMaxConfiguredAgents) {
      throw config.errorAt(
          at, "at most " + std::to_string(kMaxConfiguredAgents) + " agents may be configured");
    }
    const bool duplicate =
        std::any_of(settings.list.begin(), settings.list.end(),
                    [&entry](const AgentEntrySettings& other) { return other.id == entry.id; });
    if (duplicate) throw config.errorAt(at, "agent \"" + entry.id + "\" is configured twice");
    settings.list.push_back(std::move(entry));
  };
  // agents.entries: upstream's keyed form ({"<id>": {...}}).
  if (agents.contains("entries") && !agents.at("entries").is_null()) {
    const nlohmann::json& entries = agents.at("entries");
    if (!entries.is_object())
      throw config.errorAt("/agents/entries", "must be an object of agents");
    for (const auto& [id, object] : entries.items()) {
      const std::string at = "/agents/entries/" + id;
      nlohmann::json withId = object;
      if (withId.is_object()) withId["id"] = id;
      add(agentEntry(config, withId, at), at);
    }
  }
  // agents.list: the older array form, still read.
  if (agents.contains("list") && !agents.at("list").is_null()) {
    const nlohmann::json& list = agents.at("list");
    if (!list.is_array()) throw config.errorAt("/agents/list", "must be an array of agents");
    for (std::size_t index = 0; index < list.size(); ++index) {
      const std::string at = "/agents/list/" + std::to_string(index);
      AgentEntrySettings entry = agentEntry(config, list[index], at);
      add(std::move(entry), at + "/id");
    }
  }
  return settings;
}

}  // namespace openclaw::config
