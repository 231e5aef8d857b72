#pragma once

#include <cstdint>
#include <string>

#include "rpc/gateway_runtime.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// What this gateway process knows about itself (fixed at process start).
struct ProcessFacts {
  std::string version;
  std::int64_t startedAtMonotonicMs = 0;
  std::string instanceId;
  std::string lanAddress;  // empty when the machine has no IPv4 address besides loopback
};

// system.info (host, OS, process and disk figures for the Control UI's gateway settings) and
// update.status (no update channel: no sentinel, no available update). `runtime` and `facts`
// must outlive the registry.
void registerHostMethods(rpc::MethodRegistry& registry, rpc::GatewayRuntime& runtime,
                         const ProcessFacts& facts);

}  // namespace openclaw::methods
