#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/instance_paths.h"

namespace openclaw::service {

// Everything a service definition says about one gateway instance. Rendering is pure: the
// caller resolves paths, port and token first.
struct ServiceSpec {
  config::Profile profile;
  std::string version;
  std::filesystem::path binary;  // absolute path of the openclaw executable
  int port = 18789;
  std::optional<std::string> token;  // exported as OPENCLAW_GATEWAY_TOKEN when set
  std::filesystem::path home;        // working directory
  std::filesystem::path stateDir;    // where the LaunchAgent's logs/ go
  std::optional<std::filesystem::path> stateDirOverride;    // OPENCLAW_STATE_DIR, if set
  std::optional<std::filesystem::path> configPathOverride;  // OPENCLAW_CONFIG_PATH, if set
  std::string user;  // User= of the system-level systemd unit
};

// "default", or the profile's name ("dev" under --dev).
std::string profileLabel(const config::Profile& profile);

// The command the service runs: binary, [--profile P | --dev], gateway, --port N.
std::vector<std::string> programArguments(const ServiceSpec& spec);

// Environment the service sets, in order: token (when set), the service metadata, then the
// state-dir and config-path overrides (when set).
std::vector<std::pair<std::string, std::string>> serviceEnvironment(const ServiceSpec& spec);

// `openclaw-gateway.service`, or `openclaw-gateway-<profile>.service`.
std::string systemdUnitName(const config::Profile& profile);

// Where a user unit lives: $XDG_CONFIG_HOME/systemd/user (else ~/.config/systemd/user).
std::filesystem::path systemdUserUnitPath(const config::Profile& profile,
                                          const std::filesystem::path& home,
                                          const std::optional<std::filesystem::path>& xdgConfig);

// Where a system-level unit lives: /etc/systemd/system/<unit>.
std::filesystem::path systemdSystemUnitPath(const config::Profile& profile);

// A systemd user unit (WantedBy=default.target) with values quoted per systemd's rules.
std::string renderSystemdUserUnit(const ServiceSpec& spec);

// The system-level variant: adds User= and is WantedBy=multi-user.target.
std::string renderSystemdSystemUnit(const ServiceSpec& spec);

// `bot.molt.gateway`, or `bot.molt.<profile>`.
std::string launchAgentLabel(const config::Profile& profile);

// ~/Library/LaunchAgents/<label>.plist.
std::filesystem::path launchAgentPath(const config::Profile& profile,
                                      const std::filesystem::path& home);

// A LaunchAgent property list (KeepAlive, RunAtLoad, logs under <stateDir>/logs/), XML-escaped.
std::string renderLaunchAgentPlist(const ServiceSpec& spec);

// `OpenClaw Gateway`, or `OpenClaw Gateway (<profile>)`.
std::string windowsTaskName(const config::Profile& profile);

// Where Task Scheduler keeps a registered task: C:\Windows\System32\Tasks\<task name>.
std::string windowsTaskStorePath(const config::Profile& profile);

// A Task Scheduler task (logon trigger, restart on failure), XML-escaped. Task Scheduler actions
// carry no environment, so the token is not included: the gateway reads it from its config.
std::string renderWindowsTaskXml(const ServiceSpec& spec);

// `text` with &, <, >, " and ' replaced by XML entities.
std::string xmlEscape(const std::string& text);

// One word of ExecStart= or Environment=: double-quoted, with \ and " escaped and control
// characters as C escapes, when it is empty or has whitespace, quotes, backslashes, ';' or control
// characters; '%' is always doubled, '$' doubled when `execLine` (ExecStart= expands $VAR).
std::string systemdQuote(const std::string& word, bool execLine);

// One Windows command-line argument, quoted per the CommandLineToArgvW rules when needed.
std::string windowsQuote(const std::string& argument);

}  // namespace openclaw::service
