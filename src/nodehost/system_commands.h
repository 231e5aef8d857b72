#pragma once

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nodehost/exec_policy.h"

namespace openclaw::nodehost {

// What a node command produced: a payload, or an error {code, message} for node.invoke.result.
struct CommandOutcome {
  bool ok = false;
  nlohmann::json payload;
  std::string errorCode;
  std::string errorMessage;

  static CommandOutcome success(nlohmann::json payload);
  static CommandOutcome failure(std::string code, std::string message);
};

// The headless node host's commands:
//   system.run   {command|argv: [program, args…], cwd?, timeoutMs?} -> {exitCode, signal?,
//                timedOut, success, stdout, stderr, truncated}; the program must pass `policy`
//   system.which {bins: [name…]} -> {bins: {name: path}} for the names found in PATH
//   system.info  {} -> {hostname, platform, arch, kernel, release, uptimeSeconds}
// Blocking (system.run waits for the program): call off the connection's thread.
class SystemCommands {
 public:
  // Once `stopping` is set, system.run ends the programs it runs (so a stopping host need not
  // wait for their timeouts), and any it starts later.
  SystemCommands(ExecPolicy policy, const std::atomic<bool>& stopping)
      : policy_(std::move(policy)), stopping_(stopping) {}

  // The commands the node advertises at connect.
  static const std::vector<std::string>& names();

  CommandOutcome run(const std::string& command, const nlohmann::json& params) const;

 private:
  CommandOutcome systemRun(const nlohmann::json& params) const;

  ExecPolicy policy_;
  const std::atomic<bool>& stopping_;
};

}  // namespace openclaw::nodehost
