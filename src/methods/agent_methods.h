#pragma once

#include "gateway/method_registry.h"
#include "methods/agent_services.h"

namespace openclaw::methods {

// agent (two-phase: accepted, then the run's result) and agent.wait; registers the `agent`
// event.
void registerAgentMethods(gateway::MethodRegistry& registry, AgentServices& services);

}  // namespace openclaw::methods
