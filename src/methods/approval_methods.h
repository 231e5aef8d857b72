#pragma once

#include "approvals/exec_approvals.h"
#include "config/gateway_settings.h"
#include "nodes/node_registry.h"
#include "pairing/pairing_registry.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// exec.approval.request / waitDecision (operator.approvals, and node hosts asking for their
// system.run), exec.approval.resolve / list / get (operator.approvals); advertises the
// exec.approval.requested and exec.approval.resolved events. Only nodes with a paired device
// may ask. `settings` gives the default approval timeout (tools.exec.approvalTimeoutSec).
void registerApprovalMethods(rpc::MethodRegistry& registry, approvals::ExecApprovals& approvals,
                             const nodes::NodeRegistry& nodes,
                             const pairing::PairingRegistry& pairing,
                             const config::GatewaySettings& settings);

}  // namespace openclaw::methods
