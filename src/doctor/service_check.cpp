#include "doctor/service_check.h"

#include <sstream>

#include "core/files.h"

namespace openclaw::doctor {
namespace {

// 1-based number of the first line where `a` and `b` differ (they are known to differ).
std::size_t firstDifferentLine(const std::string& a, const std::string& b) {
  std::istringstream left(a);
  std::istringstream right(b);
  std::string x;
  std::string y;
  std::size_t line = 1;
  while (std::getline(left, x) && std::getline(right, y) && x == y) ++line;
  return line;
}

}  // namespace

std::optional<Finding> compareServiceUnit(const std::filesystem::path& path,
                                          const std::optional<std::string>& installed,
                                          const std::string& rendered, const std::string& cli) {
  if (!installed) return std::nullopt;
  if (*installed == rendered) {
    return Finding{"service.unit_current", Severity::Info,
                   "service unit " + path.string() + " matches the current definition",
                   "nothing to do"};
  }
  return Finding{"service.unit_outdated", Severity::Warn,
                 "service unit " + path.string() +
                     " differs from what `gateway install` writes "
                     "now (from line " +
                     std::to_string(firstDifferentLine(*installed, rendered)) + ")",
                 cli + " gateway install --force"};
}

Finding rewriteServiceUnit(const std::filesystem::path& path, const std::string& rendered) {
  core::writeFileAtomic(path, rendered);
  return Finding{
      "service.unit_rewritten", Severity::Info,
      "rewrote " + path.string() + " with the current definition",
      "systemctl --user daemon-reload && systemctl --user restart " + path.filename().string()};
}

}  // namespace openclaw::doctor
