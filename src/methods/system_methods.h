#pragma once

#include "methods/system_services.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// health, status, system-presence, system-event.
void registerSystemMethods(rpc::MethodRegistry& registry, SystemServices& services);

}  // namespace openclaw::methods
