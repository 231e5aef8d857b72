#include "protocol/protocol_version.h"

#include <algorithm>

namespace openclaw::protocol {

int minAcceptedProtocol(const std::string& role, const std::string& clientMode) {
  if (role == "node" && clientMode == "node") return kMinNodeProtocolVersion;
  if (clientMode == "probe") return kMinProbeProtocolVersion;
  return kMinClientProtocolVersion;
}

std::optional<int> negotiateProtocol(int clientMin, int clientMax, const std::string& role,
                                     const std::string& clientMode) {
  const int low = std::max(clientMin, minAcceptedProtocol(role, clientMode));
  const int high = std::min(clientMax, kProtocolVersion);
  if (low > high) return std::nullopt;
  return high;
}

}  // namespace openclaw::protocol
