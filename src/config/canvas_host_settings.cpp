#include "config/canvas_host_settings.h"

#include "core/files.h"
#include "core/text.h"

namespace openclaw::config {

CanvasHostSettings resolveCanvasHostSettings(const ConfigFile& config,
                                             const std::filesystem::path& workspace,
                                             const EnvLookup& env) {
  CanvasHostSettings settings;
  settings.enabled = config.boolean("/canvasHost/enabled").value_or(true) &&
                     env("OPENCLAW_SKIP_CANVAS_HOST") != "1";
  const auto root = config.string("/canvasHost/root");
  settings.root = root && !core::trimmed(*root).empty()
                      ? std::filesystem::absolute(core::expandHome(*root))
                      : workspace / "canvas";
  settings.liveReload = config.boolean("/canvasHost/liveReload").value_or(true);
  settings.capabilityTtlSeconds = config.integer("/canvasHost/capabilityTtlSeconds", 1, 86'400)
                                      .value_or(settings.capabilityTtlSeconds);
  return settings;
}

}  // namespace openclaw::config
