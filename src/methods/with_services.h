#pragma once

#include <functional>

#include "gateway/method_registry.h"

namespace openclaw::methods {

// A method handler written as a free function over its family's services.
template <class Services>
using ServiceHandler = void (*)(Services&, const gateway::MethodCall&, const gateway::Responder&);

// `handler` bound to `services` as a registry handler (`services` must outlive the registry).
template <class Services>
std::function<void(const gateway::MethodCall&, const gateway::Responder&)> withServices(
    Services& services, ServiceHandler<Services> handler) {
  return [&services, handler](const gateway::MethodCall& call, const gateway::Responder& respond) {
    handler(services, call, respond);
  };
}

}  // namespace openclaw::methods
