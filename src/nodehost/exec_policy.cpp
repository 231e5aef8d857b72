#include "nodehost/exec_policy.h"

#include <stdexcept>

#include "core/executable_lookup.h"

namespace openclaw::nodehost {

ExecPolicy ExecPolicy::fromConfig(const nlohmann::json& config) {
  ExecPolicy policy;
  const nlohmann::json nodeHost = config.value("nodeHost", nlohmann::json::object());
  if (!nodeHost.is_object()) throw std::invalid_argument("nodeHost must be an object");
  if (auto found = nodeHost.find("execSecurity"); found != nodeHost.end()) {
    if (!found->is_string() || (*found != "allowlist" && *found != "full" && *found != "deny")) {
      throw std::invalid_argument(
          "nodeHost.execSecurity must be \"allowlist\", \"full\" or \"deny\"");
    }
    policy.security = found->get<std::string>();
  }
  if (auto found = nodeHost.find("execAsk"); found != nodeHost.end()) {
    if (!found->is_string() || (*found != "off" && *found != "on-miss" && *found != "always")) {
      throw std::invalid_argument("nodeHost.execAsk must be \"off\", \"on-miss\" or \"always\"");
    }
    policy.ask = found->get<std::string>();
  }
  if (auto found = nodeHost.find("allowCommands"); found != nodeHost.end()) {
    if (!found->is_array()) throw std::invalid_argument("nodeHost.allowCommands must be an array");
    for (const nlohmann::json& entry : *found) {
      if (!entry.is_string() || entry.get<std::string>().empty()) {
        throw std::invalid_argument("nodeHost.allowCommands entries must be non-empty strings");
      }
      policy.allowCommands.push_back(entry);
    }
  }
  return policy;
}

std::optional<std::string> execRefusal(const ExecPolicy& policy, const std::string& argv0,
                                       const std::filesystem::path& resolved) {
  if (policy.security == "full") return std::nullopt;
  if (policy.security == "deny")
    return "system.run is disabled on this node (nodeHost.execSecurity \"deny\")";
  for (const std::string& entry : policy.allowCommands) {
    if (core::allowlistEntryMatches(entry, argv0, resolved)) return std::nullopt;
  }
  return "\"" + argv0 + "\" (" + resolved.string() +
         ") is not in nodeHost.allowCommands on this node";
}

ExecVerdict execVerdict(const ExecPolicy& policy, const std::string& argv0,
                        const std::filesystem::path& resolved, bool remembered) {
  std::optional<std::string> refusal = execRefusal(policy, argv0, resolved);
  if (policy.security == "deny") return {ExecVerdict::Refuse, *refusal};
  if (refusal && remembered) refusal.reset();
  if (refusal) {
    if (policy.ask == "off") return {ExecVerdict::Refuse, *refusal};
    return {ExecVerdict::Ask, *refusal};
  }
  if (policy.ask == "always") return {ExecVerdict::Ask, "nodeHost.execAsk is \"always\""};
  return {ExecVerdict::Run, ""};
}

}  // namespace openclaw::nodehost
