#pragma once

#include "agent/tools/exec_tool.h"
#include "approvals/exec_allowlist.h"
#include "approvals/exec_approvals.h"
#include "rpc/gateway_runtime.h"

namespace openclaw::approvals {

// The exec tool's approver on the gateway. A command whose programs `allowlist` covers (earlier
// "allow-always" decisions) runs without asking, unless tools.exec.ask is "always"; any other
// becomes a pending approval in `approvals`, which ends with the operator's decision, its expiry
// (an asio timer, tools.exec.approvalTimeoutSec) or the run's end (which cancels it). No thread
// waits meanwhile: the answer is posted to the blocking pool, where the approved command runs.
// "allow-always" adds the command's executables to `allowlist` and saves it (on the storage
// pool). `approvals` and `allowlist` are used on the event loop only and must outlive every
// run.
agent::tools::ExecApprover agentExecApprover(rpc::GatewayRuntime& runtime, ExecApprovals& approvals,
                                             ExecAllowlist& allowlist);

}  // namespace openclaw::approvals
