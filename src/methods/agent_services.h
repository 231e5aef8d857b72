#pragma once

#include "rpc/gateway_runtime.h"
#include "runs/run_manager.h"
#include "sessions/session_keys.h"
#include "sessions/session_store.h"

namespace openclaw::methods {

// What the agent, chat and sessions method families share.
struct AgentServices {
  rpc::GatewayRuntime& runtime;
  sessions::SessionStore& store;  // on runtime.storage only
  runs::RunManager& runs;
  sessions::DmScope dmScope = sessions::DmScope::Main;
};

}  // namespace openclaw::methods
