#include "doctor/finding.h"

#include <algorithm>

namespace openclaw::doctor {

std::string severityName(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warn:
      return "warn";
    case Severity::Info:
      break;
  }
  return "info";
}

bool hasErrors(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& finding) { return finding.severity == Severity::Error; });
}

nlohmann::json toJson(const Finding& finding) {
  return {{"id", finding.id},
          {"severity", severityName(finding.severity)},
          {"message", finding.message},
          {"fix", finding.fix}};
}

}  // namespace openclaw::doctor
