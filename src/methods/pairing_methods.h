#pragma once

#include "pairing/pairing_registry.h"
#include "rpc/method_registry.h"

namespace openclaw::methods {

// device.pair.{list,approve,reject,remove,rename}, device.token.{rotate,revoke},
// node.pair.{list,request,approve,reject,verify,remove}, and the pairing events they emit.
void registerPairingMethods(rpc::MethodRegistry& registry, pairing::PairingRegistry& pairing);

}  // namespace openclaw::methods
