#pragma once

#include <string>

#include "automation/cron_service.h"
#include "rpc/gateway_runtime.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// What the cron method family needs from the running gateway.
struct CronServices {
  rpc::GatewayRuntime& runtime;
  automation::CronService& cron;
  // The gateway process's instance id (upstream's processInstanceId, as system.info reports it).
  std::string processInstanceId;
};

// cron.list, cron.get, cron.status, cron.runs (operator.read) and cron.add, cron.update,
// cron.remove, cron.run (operator.admin), as upstream's; advertises the `cron` event the
// scheduler broadcasts.
void registerCronMethods(rpc::MethodRegistry& registry, CronServices& services);

}  // namespace openclaw::methods
