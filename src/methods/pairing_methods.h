#pragma once

#include "gateway/method_registry.h"
#include "gateway/pairing_registry.h"

namespace openclaw::methods {

// device.pair.{list,approve,reject,remove,rename}, device.token.{rotate,revoke},
// node.pair.{list,request,approve,reject,verify,remove}, and the pairing events they emit.
void registerPairingMethods(gateway::MethodRegistry& registry, gateway::PairingRegistry& pairing);

}  // namespace openclaw::methods
