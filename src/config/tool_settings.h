#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/config_file.h"
#include "config/instance_paths.h"

namespace openclaw::config {

// tools.exec.security: whether the exec tool runs nothing, allowlisted programs, or anything.
enum class ExecSecurity { Deny, Allowlist, Full };
// tools.exec.ask: when a command needs an operator's approval first.
enum class ExecAsk { Off, OnMiss, Always };

struct ExecToolSettings {
  ExecSecurity security = ExecSecurity::Allowlist;
  ExecAsk ask = ExecAsk::OnMiss;
  // tools.exec.safeBins: programs that allowlist mode runs without asking. A bare name matches
  // a bare program name (found in PATH); an entry with '/' matches exactly that path.
  std::vector<std::string> safeBins;
  std::int64_t timeoutSec = 1800;           // tools.exec.timeoutSec: default per-command time limit
  std::size_t maxOutputBytes = 200 * 1024;  // output kept per command (not configurable)
  // tools.exec.approvalTimeoutSec: how long a command waits for an operator's approval before
  // it is refused.
  std::int64_t approvalTimeoutSec = 120;
  bool operator==(const ExecToolSettings&) const = default;
};

struct WebFetchToolSettings {
  // tools.web.fetch.ssrfPolicy.dangerouslyAllowPrivateNetwork: web_fetch may also reach
  // loopback, private, link-local and other non-public addresses (default false).
  bool allowPrivateNetwork = false;
  bool operator==(const WebFetchToolSettings&) const = default;
};

// The built-in tools' configuration.
struct ToolSettings {
  // agents.defaults.workspace, else <stateDir>/workspace: where file tools and exec work.
  std::filesystem::path workspace;
  std::vector<std::string> allow;  // tools.allow: when not empty, only these tools are offered
  std::vector<std::string> deny;   // tools.deny: these tools are never offered (wins over allow)
  ExecToolSettings exec;
  WebFetchToolSettings webFetch;
  bool operator==(const ToolSettings&) const = default;
};

// gateway.tools.allow / deny: which tools POST /tools/invoke may run, on top of tools.allow /
// deny. allow removes names from the built-in HTTP deny list (exec, ...); deny adds names.
struct HttpToolSettings {
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  bool operator==(const HttpToolSettings&) const = default;
};

// The config spelling of each mode ("allowlist", "on-miss", ...).
std::string execSecurityName(ExecSecurity security);
std::string execAskName(ExecAsk ask);

// Throws ConfigError for values of the wrong type or out of range.
ToolSettings resolveToolSettings(const ConfigFile& config, const InstancePaths& paths);

}  // namespace openclaw::config
