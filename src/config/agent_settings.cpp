#include "config/agent_settings.h"

#include <algorithm>

namespace openclaw::config {

AgentSettings resolveAgentSettings(const ConfigFile& config) {
  AgentSettings settings;
  const nlohmann::json& agents = config.root.value("agents", nlohmann::json::object());
  if (!agents.is_object() || !agents.contains("list")) return settings;
  const nlohmann::json* list = &agents.at("list");
  if (!list->is_array()) throw config.errorAt("/agents/list", "must be an array of agents");
  if (list->size() > kMaxConfiguredAgents) {
    throw config.errorAt("/agents/list",
                         "may hold at most " + std::to_string(kMaxConfiguredAgents) + " agents");
  }
  for (std::size_t index = 0; index < list->size(); ++index) {
    const std::string at = "/agents/list/" + std::to_string(index);
    if (!(*list)[index].is_object()) throw config.errorAt(at, "must be an object");
    AgentEntrySettings entry;
    entry.id = config.string(at + "/id").value_or("");
    if (entry.id.find_first_not_of(" \t") == std::string::npos) {
      throw config.errorAt(at + "/id", "every agent needs a non-empty id");
    }
    const bool duplicate =
        std::any_of(settings.list.begin(), settings.list.end(),
                    [&entry](const AgentEntrySettings& other) { return other.id == entry.id; });
    if (duplicate) throw config.errorAt(at + "/id", "\"" + entry.id + "\" is listed twice");
    entry.name = config.string(at + "/name");
    entry.isDefault = config.boolean(at + "/default").value_or(false);
    entry.identity.name = config.string(at + "/identity/name");
    entry.identity.theme = config.string(at + "/identity/theme");
    entry.identity.emoji = config.string(at + "/identity/emoji");
    entry.identity.avatar = config.string(at + "/identity/avatar");
    settings.list.push_back(std::move(entry));
  }
  return settings;
}

}  // namespace openclaw::config
