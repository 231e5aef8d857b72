#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "approvals/exec_allowlist.h"
#include "approvals/exec_approvals.h"
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

// Asks an operator, through the gateway, to approve a system.run: `request` is the
// exec.approval.request params. Blocks until the approval ends; Cancelled when it could not be
// asked (no connection, the host is stopping, the gateway refused the request).
using RunApprover = std::function<approvals::ApprovalOutcome(const nlohmann::json& request)>;

// The headless node host's commands:
//   system.run   {command|argv: [program, args…], cwd?, timeoutMs?} -> {exitCode, signal?,
//                timedOut, success, stdout, stderr, truncated}; the program must pass `policy`,
//                asking `approver` when the policy says so; "allow-always" answers are kept in
//                the file `rememberedPath` (an ExecAllowlist) and count as allowlist entries
//   system.which {bins: [name…]} -> {bins: {name: path}} for the names found in PATH
//   system.info  {} -> {hostname, platform, arch, kernel, release, uptimeSeconds}
// Blocking (system.run waits for the program): call off the connection's thread.
class SystemCommands {
 public:
  // Once `stopping` is set, system.run ends the programs it runs (so a stopping host need not
  // wait for their timeouts), and any it starts later.
  // Throws std::runtime_error when the file at `rememberedPath` is malformed.
  SystemCommands(ExecPolicy policy, const std::atomic<bool>& stopping,
                 const std::filesystem::path& rememberedPath, RunApprover approver)
      : policy_(std::move(policy)),
        stopping_(stopping),
        remembered_(approvals::ExecAllowlist::load(rememberedPath)),
        approver_(std::move(approver)) {}

  // The commands the node advertises at connect.
  static const std::vector<std::string>& names();

  CommandOutcome run(const std::string& command, const nlohmann::json& params) const;

 private:
  CommandOutcome systemRun(const nlohmann::json& params) const;
  // Why the run of `argv` (argv[0] found at `program`) may not go ahead, or nullopt when it may:
  // the policy's verdict, and the operator's answer when it asks.
  std::optional<std::string> runRefusal(const std::vector<std::string>& argv,
                                        const approvals::ResolvedProgram& program,
                                        const std::string& cwd) const;
  bool remembers(const approvals::ResolvedProgram& program) const;
  void remember(const approvals::ResolvedProgram& program, const std::string& command) const;

  ExecPolicy policy_;
  const std::atomic<bool>& stopping_;
  mutable std::mutex rememberedMutex_;  // workers run commands concurrently
  mutable approvals::ExecAllowlist remembered_;
  RunApprover approver_;
};

}  // namespace openclaw::nodehost
