#pragma once

#include "config/config_file.h"

namespace openclaw::config {

// The Prometheus endpoint, enabled with upstream's keys for its diagnostics-prometheus plugin.
struct MetricsSettings {
  // plugins.entries["diagnostics-prometheus"].enabled (default false), and not left out by a
  // plugins.allow list that exists without "diagnostics-prometheus".
  bool enabled = false;
  // diagnostics.enabled (default true): when false the endpoint answers an empty body.
  bool diagnostics = true;

  bool operator==(const MetricsSettings&) const = default;
};

// The plugin id upstream's config keys use for the exporter.
inline constexpr const char* kPrometheusPluginId = "diagnostics-prometheus";

// Throws ConfigError (pointing at the value) for a wrong type.
MetricsSettings resolveMetricsSettings(const ConfigFile& config);

}  // namespace openclaw::config
