#pragma once

#include <functional>

#include "automation/wake.h"
#include "channels/channel_manager.h"
#include "config/gateway_settings.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"

namespace openclaw::httpapi {

// Registers upstream's webhook ingress under hooks.path (fixed at registration; every other
// hooks.* key is read from the running `settings` at each request):
//   POST <path>/wake   {text, mode?, agentId?, sessionKey?} -> 200 {ok, mode, eventOutcome}: a
//                      system event for the agent's main session through `waker` (the one wake
//                      path); mode "now" also starts a heartbeat turn of that session.
//   POST <path>/agent  {message, name?, agentId?, sessionKey?, sessionMode?, wakeMode?, deliver?,
//                      channel?, to?, accountId?, timeoutSeconds?, waitForCompletion?, ...}
//                      -> 200 {ok, runId} once the run is admitted: one agent turn in a hook
//                      session; its reply goes to channel/to, else becomes a system event of the
//                      main session.
//   POST <path>/<sub>  the first matching hooks.mappings entry rendered into one of the above.
// Disabled hooks answer 404 as if the routes did not exist; 503 while `draining`; the hook token
// is checked by a HookGate; bodies are bounded by config::kHookBodyLimit (413).
// Everything passed must outlive the router.
void addHookRoutes(rpc::HttpRouter& router, const config::GatewaySettings& settings,
                   runs::RunManager& runs, channels::ChannelManager& channels,
                   automation::Waker& waker, std::function<bool()> draining);

}  // namespace openclaw::httpapi
