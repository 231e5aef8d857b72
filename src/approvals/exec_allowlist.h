#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::approvals {

// One program a command starts: as written, and the executable file it resolves to
// (canonical: symlinks resolved), when it resolves at all.
struct ResolvedProgram {
  std::string program;
  std::optional<std::string> executable;
};

// Where `program` runs from when started in `cwd`: a bare name through `pathEnv` (like $PATH),
// a name with a slash relative to `cwd`. Touches the file system (call off the event loop).
ResolvedProgram resolveProgram(const std::string& program, const std::filesystem::path& cwd,
                               const std::string& pathEnv);

// The executables an operator approved with "allow-always", persisted as JSON so they survive
// restarts: {"version": 1, "allowlist": [{"pattern": "/usr/bin/uname", "command": "uname -a",
// "addedAtMs": 1700000000000}]}. Patterns are canonical executable paths and match by equality,
// so checking needs no file-system access. Not thread-safe.
class ExecAllowlist {
 public:
  struct Entry {
    std::string pattern;
    std::string command;
    std::int64_t addedAtMs = 0;
    bool operator==(const Entry&) const = default;
  };

  // Reads `path`; a missing file is an empty list. Throws std::runtime_error (naming the file)
  // when it is not such a document.
  static ExecAllowlist load(const std::filesystem::path& path);

  // Whether every program resolved to a listed executable (false when one did not resolve).
  bool covers(const std::vector<ResolvedProgram>& programs) const;
  // Lists the executables of `programs` not listed yet, approved for `command`; returns
  // whether anything was added.
  bool add(const std::vector<ResolvedProgram>& programs, const std::string& command,
           std::int64_t nowMs);

  // Replaces the whole list (exec.approvals.set).
  void replace(std::vector<Entry> entries);

  const std::vector<Entry>& entries() const { return entries_; }
  // Whether the file existed when loaded, or the list has changed since (and so was saved).
  bool exists() const { return exists_; }
  const std::filesystem::path& path() const { return path_; }
  std::string serialize() const;

 private:
  bool lists(const std::string& executable) const;

  std::filesystem::path path_;
  std::vector<Entry> entries_;
  bool exists_ = false;
};

}  // namespace openclaw::approvals
