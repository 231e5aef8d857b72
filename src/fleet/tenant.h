#pragma once

#include <string>

namespace openclaw::fleet {

// Tenant IDs: 1 to 40 characters of a-z, 0-9 and '-', starting and ending with a letter or
// digit. They name containers, networks and directories, so nothing else gets through.
// Throws std::invalid_argument saying what is wrong.
void validateTenantId(const std::string& tenant);

// "openclaw-cell-<tenant>": the cell's container and its network.
std::string cellName(const std::string& tenant);

}  // namespace openclaw::fleet
