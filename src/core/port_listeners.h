#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace openclaw::core {

// A process with a TCP socket listening on a port.
struct PortListener {
  pid_t pid = 0;
  std::string command;  // its command line, for log messages
};

// Processes listening on TCP `port` (IPv4 or IPv6), found through /proc/net/tcp{,6} and each
// process's /proc/<pid>/fd, or through `lsof` where there is no /proc. Processes this user may
// not inspect are not found.
std::vector<PortListener> findPortListeners(int port);

// For `gateway --force`: SIGTERMs every process listening on `port` (never this process),
// waits 700 ms, SIGKILLs what is left, then waits up to 2 s for the port to be free. Reports
// each step through `report`. Returns the processes it signalled. Touches nothing that is not
// listening on the port.
std::vector<PortListener> freePort(int port, const std::function<void(const std::string&)>& report);

}  // namespace openclaw::core
