#pragma once

#include "methods/health_report.h"
#include "methods/system_services.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// health, status, system-presence, system-event.
void registerSystemMethods(rpc::MethodRegistry& registry, SystemServices& services,
                           const HealthReport& health);

}  // namespace openclaw::methods
