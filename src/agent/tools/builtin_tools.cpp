#include "agent/tools/builtin_tools.h"

#include <algorithm>

#include "agent/tools/file_tools.h"

namespace openclaw::agent::tools {
namespace {

bool matches(const std::string& entry, const std::string& name) {
  if (entry == "*" || entry == name) return true;
  if (entry == "group:fs") return name == "read" || name == "write" || name == "edit";
  if (entry == "group:runtime") return name == "exec";
  return false;
}

bool listed(const std::vector<std::string>& entries, const std::string& name) {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const std::string& entry) { return matches(entry, name); });
}

}  // namespace

bool toolAllowed(const config::ToolSettings& settings, const std::string& name) {
  if (listed(settings.deny, name)) return false;
  return settings.allow.empty() || listed(settings.allow, name);
}

std::vector<std::shared_ptr<const Tool>> builtinTools(const config::ToolSettings& settings,
                                                      ExecApprover approver) {
  const std::vector<std::shared_ptr<const Tool>> all = {
      std::make_shared<ReadTool>(),
      std::make_shared<WriteTool>(),
      std::make_shared<EditTool>(),
      std::make_shared<ExecTool>(settings.exec, std::move(approver)),
  };
  // exec under security "deny" could only fail, so it is not offered at all.
  const bool execDenied = settings.exec.security == config::ExecSecurity::Deny;
  std::vector<std::shared_ptr<const Tool>> enabled;
  for (const auto& tool : all) {
    const std::string name = tool->definition().name;
    if (toolAllowed(settings, name) && !(execDenied && name == "exec")) enabled.push_back(tool);
  }
  return enabled;
}

}  // namespace openclaw::agent::tools
