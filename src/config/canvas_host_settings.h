#pragma once

#include <cstdint>
#include <filesystem>

#include "config/config_file.h"
#include "config/environment.h"

namespace openclaw::config {

// canvasHost.*: the file server for agent-editable HTML (canvas/canvas_host.h). Its port is
// GatewaySettings::canvasHostPort (derivePorts).
struct CanvasHostSettings {
  // canvasHost.enabled (default true); OPENCLAW_SKIP_CANVAS_HOST=1 turns it off whatever the file
  // says.
  bool enabled = true;
  // canvasHost.root, else <workspace>/canvas; absolute.
  std::filesystem::path root;
  bool liveReload = true;  // canvasHost.liveReload: inject the reload script into HTML
  // canvasHost.capabilityTtlSeconds: how long a minted capability URL stays valid.
  std::int64_t capabilityTtlSeconds = 600;
  bool operator==(const CanvasHostSettings&) const = default;
};

// `workspace` is the agents' workspace (ToolSettings::workspace). Throws ConfigError for a
// wrong type or an out-of-range TTL (1 s .. 1 day).
CanvasHostSettings resolveCanvasHostSettings(const ConfigFile& config,
                                             const std::filesystem::path& workspace,
                                             const EnvLookup& env);

}  // namespace openclaw::config
