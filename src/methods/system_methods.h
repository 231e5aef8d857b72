#pragma once

#include "gateway/method_registry.h"
#include "methods/system_services.h"

namespace openclaw::methods {

// health, status, system-presence, system-event.
void registerSystemMethods(gateway::MethodRegistry& registry, SystemServices& services);

}  // namespace openclaw::methods
