#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::doctor {

enum class Severity { Error, Warn, Info };

// "error", "warn" or "info".
std::string severityName(Severity severity);

// One result of `openclaw doctor`: what was found and the one command or edit that fixes it.
struct Finding {
  std::string id;  // stable, dotted: "config.unknown_key", "state.lock", ...
  Severity severity = Severity::Info;
  std::string message;  // one line
  std::string fix;      // one line: the exact command or config edit
};

// Whether any finding is an error (doctor then exits 1).
bool hasErrors(const std::vector<Finding>& findings);

// {"id", "severity", "message", "fix"}.
nlohmann::json toJson(const Finding& finding);

}  // namespace openclaw::doctor
