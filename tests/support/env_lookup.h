#pragma once

#include <map>
#include <optional>
#include <string>

#include "config/environment.h"

namespace openclaw::testsupport {

// An environment made of `variables` instead of the process's, with the same rule as
// config::processEnvironment(): an empty value counts as unset.
inline config::EnvLookup environmentOf(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
}

}  // namespace openclaw::testsupport
