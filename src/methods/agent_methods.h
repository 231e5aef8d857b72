#pragma once

#include "methods/agent_services.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// agent (two-phase: accepted, then the run's result) and agent.wait; registers the `agent`
// event.
void registerAgentMethods(rpc::MethodRegistry& registry, AgentServices& services);

}  // namespace openclaw::methods
