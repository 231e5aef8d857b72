#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config_file.h"

namespace openclaw::config {

enum class TailscaleMode { Off, Serve, Funnel };
// "off", "serve" or "funnel": also the `tailscale` subcommand that publishes the port.
std::string tailscaleModeName(TailscaleMode mode);

// gateway.tailscale.* and gateway.auth.allowTailscale (docs/tailscale.md).
struct TailscaleSettings {
  TailscaleMode mode = TailscaleMode::Off;  // gateway.tailscale.mode / --tailscale
  // gateway.tailscale.resetOnExit / --tailscale-reset-on-exit: remove the published route when
  // the gateway stops or restarts in-process (upstream's default: false).
  bool resetOnExit = false;
  // gateway.auth.allowTailscale: a Serve-proxied connect whose identity `tailscale whois`
  // confirms needs no token/password. Default (as upstream): on with mode serve unless the auth
  // mode is password.
  bool allowTailscale = false;
  bool operator==(const TailscaleSettings&) const = default;
};

// What the command line says (flags win over the config file).
struct TailscaleFlags {
  std::optional<std::string> mode;  // --tailscale off|serve|funnel
  bool resetOnExit = false;         // --tailscale-reset-on-exit
};

// Resolves the settings and applies upstream's start-up refusals (std::runtime_error naming the
// fix): funnel without password auth, serve or funnel with auth "none", serve or funnel with a
// non-loopback bind. `authMode` is the resolved gateway.auth mode name; `bindHosts` the
// addresses the gateway listens on.
TailscaleSettings resolveTailscaleSettings(const ConfigFile& config, const TailscaleFlags& flags,
                                           const std::string& authMode,
                                           const std::vector<std::string>& bindHosts);

}  // namespace openclaw::config
