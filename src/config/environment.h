#pragma once

#include <functional>
#include <optional>
#include <string>

namespace openclaw::config {

// Reads one environment variable; empty values count as unset. Injected so tests can supply
// their own environment instead of mutating the process's.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
EnvLookup processEnvironment();

}  // namespace openclaw::config
