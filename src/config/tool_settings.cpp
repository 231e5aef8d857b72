#include "config/tool_settings.h"

#include "core/files.h"

namespace openclaw::config {
namespace {

ExecSecurity execSecurity(const ConfigFile& config) {
  const auto value = config.oneOf("/tools/exec/security", {"deny", "allowlist", "full"});
  if (value == "deny") return ExecSecurity::Deny;
  if (value == "full") return ExecSecurity::Full;
  return ExecSecurity::Allowlist;
}

ExecAsk execAsk(const ConfigFile& config) {
  const auto value = config.oneOf("/tools/exec/ask", {"off", "on-miss", "always"});
  if (value == "off") return ExecAsk::Off;
  if (value == "always") return ExecAsk::Always;
  return ExecAsk::OnMiss;
}

}  // namespace

std::string execSecurityName(ExecSecurity security) {
  if (security == ExecSecurity::Deny) return "deny";
  if (security == ExecSecurity::Full) return "full";
  return "allowlist";
}

std::string execAskName(ExecAsk ask) {
  if (ask == ExecAsk::Off) return "off";
  if (ask == ExecAsk::Always) return "always";
  return "on-miss";
}

ToolSettings resolveToolSettings(const ConfigFile& config, const InstancePaths& paths) {
  ToolSettings settings;
  const auto workspace = config.string("/agents/defaults/workspace");
  settings.workspace = workspace ? std::filesystem::absolute(core::expandHome(*workspace))
                                 : paths.stateDir / "workspace";
  settings.allow = config.stringList("/tools/allow");
  settings.deny = config.stringList("/tools/deny");
  settings.exec.security = execSecurity(config);
  settings.exec.ask = execAsk(config);
  settings.exec.safeBins = config.stringList("/tools/exec/safeBins");
  settings.exec.timeoutSec =
      config.integer("/tools/exec/timeoutSec", 1, 86'400).value_or(settings.exec.timeoutSec);
  settings.exec.approvalTimeoutSec = config.integer("/tools/exec/approvalTimeoutSec", 1, 86'400)
                                         .value_or(settings.exec.approvalTimeoutSec);
  settings.webFetch.allowPrivateNetwork =
      config.boolean("/tools/web/fetch/ssrfPolicy/dangerouslyAllowPrivateNetwork").value_or(false);
  return settings;
}

}  // namespace openclaw::config
