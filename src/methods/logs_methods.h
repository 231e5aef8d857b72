#pragma once

#include <string>

#include "rpc/method_registry.h"

namespace openclaw::methods {

// logs.tail: the tail of the gateway's JSONL log file (the file `logFilePattern` names now).
void registerLogsMethods(rpc::MethodRegistry& registry, std::string logFilePattern);

}  // namespace openclaw::methods
