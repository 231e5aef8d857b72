#pragma once

#include "gateway/method_registry.h"
#include "methods/agent_services.h"

namespace openclaw::methods {

// sessions.list, sessions.reset, sessions.delete.
void registerSessionsMethods(gateway::MethodRegistry& registry, AgentServices& services);

}  // namespace openclaw::methods
