#pragma once

#include <functional>

#include "rpc/method_registry.h"

namespace openclaw::methods {

// A method handler written as a free function over its family's services.
template <class Services>
using ServiceHandler = void (*)(Services&, const rpc::MethodCall&, const rpc::Responder&);

// `handler` bound to `services` as a registry handler (`services` must outlive the registry).
template <class Services>
std::function<void(const rpc::MethodCall&, const rpc::Responder&)> withServices(
    Services& services, ServiceHandler<Services> handler) {
  return [&services, handler](const rpc::MethodCall& call, const rpc::Responder& respond) {
    handler(services, call, respond);
  };
}

}  // namespace openclaw::methods
