#include "approvals/exec_allowlist.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/executable_lookup.h"
#include "core/files.h"

namespace openclaw::approvals {

ResolvedProgram resolveProgram(const std::string& program, const std::filesystem::path& cwd,
                               const std::string& pathEnv) {
  const bool isPath = program.find('/') != std::string::npos;
  // Relative to `cwd`; without one, relative to this process's working directory. (Joining an
  // empty cwd would normalise "./x" to the bare name "x", which is then looked up in PATH.)
  const std::string lookup = isPath && program.front() != '/' && !cwd.empty()
                                 ? (cwd / program).lexically_normal().string()
                                 : program;
  ResolvedProgram resolved{program, std::nullopt};
  auto found = core::resolveExecutable(lookup, pathEnv);
  if (!found) return resolved;
  std::error_code ec;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(*found, ec);
  if (!ec) resolved.executable = canonical.string();
  return resolved;
}

ExecAllowlist ExecAllowlist::load(const std::filesystem::path& path) {
  ExecAllowlist allowlist;
  allowlist.path_ = path;
  const std::optional<std::string> text = core::readFile(path);
  if (!text) return allowlist;
  allowlist.exists_ = true;
  const auto malformed = [&path](const std::string& why) {
    return std::runtime_error(path.string() + ": " + why);
  };
  const nlohmann::json document = nlohmann::json::parse(*text, nullptr, false);
  if (!document.is_object() || !document.contains("allowlist") ||
      !document["allowlist"].is_array()) {
    throw malformed("expected a JSON object with an \"allowlist\" array");
  }
  for (const nlohmann::json& entry : document["allowlist"]) {
    if (!entry.is_object() || !entry.contains("pattern") || !entry["pattern"].is_string() ||
        entry["pattern"].get<std::string>().empty()) {
      throw malformed("every allowlist entry needs a non-empty \"pattern\" string");
    }
    const nlohmann::json command = entry.value("command", nlohmann::json(""));
    const nlohmann::json addedAt = entry.value("addedAtMs", nlohmann::json(0));
    if (!command.is_string() || !addedAt.is_number_integer()) {
      throw malformed("allowlist \"command\" must be a string and \"addedAtMs\" an integer");
    }
    allowlist.entries_.push_back({entry["pattern"], command, addedAt});
  }
  return allowlist;
}

bool ExecAllowlist::lists(const std::string& executable) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const Entry& entry) { return entry.pattern == executable; });
}

bool ExecAllowlist::covers(const std::vector<ResolvedProgram>& programs) const {
  if (programs.empty()) return false;
  return std::all_of(programs.begin(), programs.end(), [this](const ResolvedProgram& program) {
    return program.executable && lists(*program.executable);
  });
}

bool ExecAllowlist::add(const std::vector<ResolvedProgram>& programs, const std::string& command,
                        std::int64_t nowMs) {
  bool added = false;
  for (const ResolvedProgram& program : programs) {
    if (!program.executable || lists(*program.executable)) continue;
    entries_.push_back({*program.executable, command, nowMs});
    added = true;
  }
  exists_ = exists_ || added;
  return added;
}

void ExecAllowlist::replace(std::vector<Entry> entries) {
  entries_ = std::move(entries);
  exists_ = true;
}

std::string ExecAllowlist::serialize() const {
  nlohmann::json entries = nlohmann::json::array();
  for (const Entry& entry : entries_) {
    entries.push_back(
        {{"pattern", entry.pattern}, {"command", entry.command}, {"addedAtMs", entry.addedAtMs}});
  }
  return nlohmann::json{{"version", 1}, {"allowlist", entries}}.dump(2) + "\n";
}

}  // namespace openclaw::approvals
