#pragma once

#include <vector>

#include "store/database.h"

namespace openclaw::daemon {

// Every store's schema steps: what the gateway's database is opened with.
std::vector<store::Migration> gatewaySchema();

}  // namespace openclaw::daemon
