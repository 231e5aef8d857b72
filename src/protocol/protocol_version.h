#pragma once

#include <optional>
#include <string>

namespace openclaw::protocol {

inline constexpr int kProtocolVersion = 4;
inline constexpr int kMinClientProtocolVersion = 4;
// Nodes (role "node" with client.mode "node") and probes may speak the previous version.
inline constexpr int kMinNodeProtocolVersion = 3;
inline constexpr int kMinProbeProtocolVersion = 3;

// The version a connect request gets: the highest one inside both the client's
// [minProtocol, maxProtocol] and what this gateway accepts for that role/mode, or nullopt.
std::optional<int> negotiateProtocol(int clientMin, int clientMax, const std::string& role,
                                     const std::string& clientMode);

// The lowest version this gateway accepts from a client with that role/mode.
int minAcceptedProtocol(const std::string& role, const std::string& clientMode);

}  // namespace openclaw::protocol
