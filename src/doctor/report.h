#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "doctor/finding.h"

namespace openclaw::doctor {

// A summary line, then the findings grouped errors, warnings, info, each with its fix below.
std::string renderText(const std::vector<Finding>& findings);

// {"ok": no errors, "findings": [toJson(finding)...]}.
nlohmann::json renderJson(const std::vector<Finding>& findings);

}  // namespace openclaw::doctor
