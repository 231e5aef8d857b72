#pragma once

#include <atomic>
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
  // Set when the run ends: a waiting approver gives up at once.
  std::shared_ptr<std::atomic<bool>> cancelled;
};
// Approve: run it. Deny: the operator said no. Expired: nobody answered in time. Cancelled: the
// run ended while waiting.
enum class ExecApproval { Approve, Deny, Expired, Cancelled };
// Called on the tool's worker thread and may block until the operator answers. When none is
// wired, every command the policy wants approved is denied.
using ExecApprover = std::function<ExecApproval(const ExecApprovalRequest&)>;

// exec {command, workdir?, timeout? (seconds)}: runs the command with /bin/sh -c in the
// workspace, under tools.exec.security / ask / safeBins. yieldMs, background and pty are
// accepted and ignored: commands always run to completion in the foreground.
class ExecTool : public ToolBase {
 public:
  ExecTool(config::ExecToolSettings settings, ExecApprover approver);
  ToolDefinition definition() const override;

 protected:
  ToolResult execute(const ToolArguments& arguments, const ToolContext& context) const override;

 private:
  config::ExecToolSettings settings_;
  ExecApprover approver_;
};

}  // namespace openclaw::agent::tools
