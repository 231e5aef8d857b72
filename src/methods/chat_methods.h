#pragma once

#include "gateway/method_registry.h"
#include "methods/agent_services.h"

namespace openclaw::methods {

// WebChat: chat.send, chat.history, chat.abort; registers the `chat` event.
void registerChatMethods(gateway::MethodRegistry& registry, AgentServices& services);

}  // namespace openclaw::methods
