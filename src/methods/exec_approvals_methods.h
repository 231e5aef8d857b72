#pragma once

#include "approvals/exec_allowlist.h"
#include "rpc/gateway_runtime.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// What exec.approvals.get / set work on: the exec tool's "allow-always" decisions
// (<stateDir>/exec-approvals.json), used on the event loop.
struct ExecApprovalsServices {
  rpc::GatewayRuntime& runtime;
  approvals::ExecAllowlist& allowlist;
};

// The most allowlist entries exec.approvals.set takes, and the longest pattern.
inline constexpr std::size_t kMaxAllowlistEntries = 1024;
inline constexpr std::size_t kMaxPatternLength = 4096;

// exec.approvals.get / set (operator.admin) in upstream's ExecApprovalsSnapshot shape: the list is
// every agent's (agents["*"]), resolvedDefaults come from tools.exec in the config, and `hash`
// (SHA-256 of the list as saved, "missing:<sha256 of nothing>" before any) is what set's baseHash
// must match. set replaces the list; it refuses what this gateway would not apply (defaults,
// per-agent policy, socket, MCP tools, argument patterns, patterns that are not absolute
// executable paths), since the policy lives in tools.exec.
void registerExecApprovalsMethods(rpc::MethodRegistry& registry, ExecApprovalsServices& services);

}  // namespace openclaw::methods
