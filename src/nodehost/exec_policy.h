#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::nodehost {

// Which programs `system.run` may start, from the node host's config (`nodeHost` in
// openclaw.json):
//   security "allowlist" (default): only programs `allowCommands` names;
//   security "full": any program (an explicit opt-in);
//   security "deny": none.
// Entries match as core::allowlistEntryMatches says, against argv[0] and the file it resolved
// to: one with a slash matches that file (symlinks resolved); a bare name matches only when
// argv[0] is that same bare name, found through PATH (so "ls" does not allow "./ls").
// `nodeHost.execAsk` says when an operator approves a run first (through the gateway's
// exec.approval.request):
//   "off" (default): never; what the allowlist does not cover is refused;
//   "on-miss": when the allowlist (or an earlier "allow-always") does not cover the program;
//   "always": every time.
struct ExecPolicy {
  std::string security = "allowlist";
  std::string ask = "off";
  std::vector<std::string> allowCommands;

  // Reads `nodeHost.execSecurity`, `nodeHost.execAsk` and `nodeHost.allowCommands` from a
  // parsed config (missing keys keep the defaults). Throws std::invalid_argument for wrong
  // types or an unknown mode.
  static ExecPolicy fromConfig(const nlohmann::json& config);
};

// Why argv[0] (found at `resolved`) may not run under `policy`'s security and allowlist, or
// nullopt when it may.
std::optional<std::string> execRefusal(const ExecPolicy& policy, const std::string& argv0,
                                       const std::filesystem::path& resolved);

// What system.run does with argv[0] under the whole policy. `remembered`: an operator allowed
// this executable with "allow-always" before (it counts as an allowlist entry).
struct ExecVerdict {
  enum Decision { Run, Ask, Refuse } decision = Refuse;
  std::string reason;  // why it is asked or refused
};
ExecVerdict execVerdict(const ExecPolicy& policy, const std::string& argv0,
                        const std::filesystem::path& resolved, bool remembered);

}  // namespace openclaw::nodehost
