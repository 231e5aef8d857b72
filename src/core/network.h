#pragma once

#include <optional>
#include <string>
#include <vector>

namespace openclaw::core {

// IPv4 addresses of the host's interfaces that are up, loopback included.
std::vector<std::string> interfaceIPv4Addresses();

// The first interface address in Tailscale's CGNAT range 100.64.0.0/10, if any.
std::optional<std::string> tailnetIPv4Address();

// The first non-loopback IPv4 address, if any (what the gateway reports as its own `ip`).
std::optional<std::string> primaryIPv4Address();

// True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z).
bool isLoopbackAddress(const std::string& address);

// The host name (gethostname), or "localhost" when it cannot be read.
std::string hostName();

// "linux <kernel release>", as presence rows report the platform.
std::string platformName();

}  // namespace openclaw::core
