#include "config/metrics_settings.h"

#include <algorithm>
#include <string>

namespace openclaw::config {

MetricsSettings resolveMetricsSettings(const ConfigFile& config) {
  MetricsSettings settings;
  const std::string entry = std::string("/plugins/entries/") + kPrometheusPluginId;
  settings.enabled = config.boolean(entry + "/enabled").value_or(false);
  const auto plugins = config.root.find("plugins");
  if (plugins != config.root.end() && plugins->is_object() && plugins->contains("allow")) {
    const std::vector<std::string> allowed = config.stringList("/plugins/allow");
    if (std::find(allowed.begin(), allowed.end(), kPrometheusPluginId) == allowed.end()) {
      settings.enabled = false;
    }
  }
  settings.diagnostics = config.boolean("/diagnostics/enabled").value_or(true);
  return settings;
}

}  // namespace openclaw::config
