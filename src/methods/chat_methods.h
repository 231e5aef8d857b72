#pragma once

#include "methods/agent_services.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// WebChat: chat.send, chat.history, chat.startup, chat.metadata, chat.message.get, chat.abort;
// registers the `chat` event.
void registerChatMethods(rpc::MethodRegistry& registry, AgentServices& services);

}  // namespace openclaw::methods
