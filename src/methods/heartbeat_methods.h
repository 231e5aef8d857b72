#pragma once

#include "automation/heartbeat_runner.h"
#include "config/gateway_settings.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// The heartbeat and wake methods, on `heartbeat` (which must outlive the registry):
//   wake {mode: "now"|"next-heartbeat", text, sessionKey?, agentId?} (operator.write) -> {ok}:
//     queues `text` for the session (the agent's main one by default); "now", or a sessionKey,
//     also runs a heartbeat turn at once. {ok:false} for a blank text.
//   set-heartbeats {enabled} (operator.admin) -> {ok:true, enabled}: turns heartbeat turns off
//     and on (until the gateway restarts).
//   last-heartbeat {} (operator.read) -> the last `heartbeat` event, or null.
// `settings` are the running ones (agent ids are checked against them).
void registerHeartbeatMethods(rpc::MethodRegistry& registry, automation::HeartbeatRunner& heartbeat,
                              const config::GatewaySettings& settings);

}  // namespace openclaw::methods
