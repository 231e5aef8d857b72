#pragma once

#include "methods/agent_services.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// sessions.list, sessions.reset, sessions.delete.
void registerSessionsMethods(rpc::MethodRegistry& registry, AgentServices& services);

}  // namespace openclaw::methods
