#include "config/tailscale_settings.h"

#include <stdexcept>

#include "core/network.h"

namespace openclaw::config {
namespace {

TailscaleMode parseMode(const std::string& text) {
  if (text == "serve") return TailscaleMode::Serve;
  if (text == "funnel") return TailscaleMode::Funnel;
  return TailscaleMode::Off;
}

}  // namespace

std::string tailscaleModeName(TailscaleMode mode) {
  switch (mode) {
    case TailscaleMode::Serve:
      return "serve";
    case TailscaleMode::Funnel:
      return "funnel";
    case TailscaleMode::Off:
      break;
  }
  return "off";
}

TailscaleSettings resolveTailscaleSettings(const ConfigFile& config, const TailscaleFlags& flags,
                                           const std::string& authMode,
                                           const std::vector<std::string>& bindHosts) {
  const std::vector<std::string> modes = {"off", "serve", "funnel"};
  if (flags.mode && std::find(modes.begin(), modes.end(), *flags.mode) == modes.end()) {
    throw std::runtime_error("--tailscale must be off, serve or funnel, got \"" + *flags.mode +
                             "\"");
  }
  TailscaleSettings settings;
  settings.mode = parseMode(
      flags.mode.value_or(config.oneOf("/gateway/tailscale/mode", modes).value_or("off")));
  settings.resetOnExit =
      flags.resetOnExit || config.boolean("/gateway/tailscale/resetOnExit").value_or(false);
  settings.allowTailscale =
      config.boolean("/gateway/auth/allowTailscale")
          .value_or(settings.mode == TailscaleMode::Serve && authMode != "password");
  if (settings.mode == TailscaleMode::Off) return settings;

  const std::string name = tailscaleModeName(settings.mode);
  if (settings.mode == TailscaleMode::Funnel && authMode != "password") {
    throw std::runtime_error(
        "tailscale funnel requires gateway auth mode=password (set gateway.auth.password or "
        "OPENCLAW_GATEWAY_PASSWORD and gateway.auth.mode \"password\", or pass --auth password "
        "--password ...): funnel publishes the gateway to the whole internet");
  }
  if (authMode == "none") {
    throw std::runtime_error(
        "gateway.auth.mode=none cannot be used with gateway.tailscale.mode=" + name +
        "; configure token or password auth before exposing the gateway "
        "through Tailscale");
  }
  for (const std::string& host : bindHosts) {
    if (!core::isLoopbackAddress(host)) {
      throw std::runtime_error(
          "gateway.bind must resolve to loopback when gateway.tailscale.mode=" + name +
          " (use gateway.bind=\"loopback\" or --bind loopback; got " + host + ")");
    }
  }
  return settings;
}

}  // namespace openclaw::config
