#pragma once

#include "methods/session_events.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// sessions.list, sessions.describe, sessions.preview, sessions.patch, sessions.reset,
// sessions.delete; changes are announced through `events`.
void registerSessionsMethods(rpc::MethodRegistry& registry, SessionEvents& events);

// sessions.subscribe / sessions.unsubscribe and sessions.messages.subscribe / unsubscribe;
// registers the `sessions.changed` and `session.message` events.
void registerSessionSubscriptionMethods(rpc::MethodRegistry& registry, SessionEvents& events);

}  // namespace openclaw::methods
