#pragma once

#include <functional>
#include <memory>
#include <string>

#include "agent/tools/tool_base.h"
#include "config/tool_settings.h"

namespace openclaw::agent::tools {

// What an operator is asked to approve before exec runs a command.
struct ExecApprovalRequest {
  std::string command;
  std::string workdir;   // absolute, inside the workspace
  std::string reason;    // why the policy asks (a safeBins miss, ask "always", ...)
  std::string security;  // tools.exec.security and ask, as configured
  std::string ask;
  std::string sessionKey;  // the run's session
  // tools.exec.ask is "always": the operator is asked every time, remembered approvals
  // ("allow-always") do not apply.
  bool askEveryTime = false;
  // The run's: when it ends, a pending approval is given up at once (event loop).
  std::shared_ptr<CancelCallbacks> cancelCallbacks;
};
// Approve: run it. Deny: the operator said no. Expired: nobody answered in time. Cancelled: the
// run ended while waiting.
enum class ExecApproval { Approve, Deny, Expired, Cancelled };
// Receives the answer, on a thread that may block: the approved command runs there.
using ExecDecided = std::function<void(ExecApproval)>;
// Asks for an approval without waiting for it: `decided` gets the answer exactly once, at once or
// later. Called on the tool's worker thread. When none is wired, every command the policy wants
// approved is refused.
using ExecApprover = std::function<void(ExecApprovalRequest, ExecDecided)>;

// exec {command, workdir?, timeout? (seconds)}: runs the command with /bin/sh -c in the
// workspace, under tools.exec.security / ask / safeBins. yieldMs, background and pty are
// accepted and ignored: commands always run to completion in the foreground.
class ExecTool : public Tool {
 public:
  ExecTool(config::ExecToolSettings settings, ExecApprover approver);
  ToolDefinition definition() const override;
  // Blocking: also waits on the calling thread for an approval the command needs.
  ToolResult run(const nlohmann::json& arguments, const ToolContext& context) const override;
  // Checks the arguments and the policy on this worker thread. A command that needs an approval
  // leaves the thread while the operator decides; it then runs on the thread the approver
  // answers on.
  void start(const nlohmann::json& arguments, const ToolContext& context,
             ToolDone done) const override;

 private:
  config::ExecToolSettings settings_;
  ExecApprover approver_;
};

}  // namespace openclaw::agent::tools
