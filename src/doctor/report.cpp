#include "doctor/report.h"

#include <algorithm>

namespace openclaw::doctor {
namespace {

std::string counted(std::ptrdiff_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace

std::string renderText(const std::vector<Finding>& findings) {
  const auto count = [&](Severity severity) {
    return std::count_if(findings.begin(), findings.end(),
                         [&](const Finding& finding) { return finding.severity == severity; });
  };
  std::string text = "openclaw doctor: " + counted(count(Severity::Error), "error") + ", " +
                     counted(count(Severity::Warn), "warning") + ", " +
                     counted(count(Severity::Info), "note") + "\n";
  for (const auto& [severity, heading] :
       {std::pair{Severity::Error, "errors"}, std::pair{Severity::Warn, "warnings"},
        std::pair{Severity::Info, "info"}}) {
    if (count(severity) == 0) continue;
    text += std::string("\n") + heading + ":\n";
    for (const Finding& finding : findings) {
      if (finding.severity != severity) continue;
      text += "  [" + finding.id + "] " + finding.message + "\n    fix: " + finding.fix + "\n";
    }
  }
  return text;
}

nlohmann::json renderJson(const std::vector<Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& finding : findings) list.push_back(toJson(finding));
  return {{"ok", !hasErrors(findings)}, {"findings", list}};
}

}  // namespace openclaw::doctor
