#pragma once

#include "rpc/method_registry.h"

namespace openclaw::methods {

// Methods of upstream features this gateway does not have (questions, tasks, talk, progress
// cards, session branches, the session companion and observer, plugin and system-agent
// approvals, cron, session groups, user profiles). The Control UI calls them at start; each
// answers upstream's result shape saying "none here": empty lists, a null card, cron disabled,
// no durable user identity. Never an error, never made-up data.
void registerAbsentFeatureMethods(rpc::MethodRegistry& registry);

}  // namespace openclaw::methods
