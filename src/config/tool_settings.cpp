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
  return settings;
}

}  // namespace openclaw::config
