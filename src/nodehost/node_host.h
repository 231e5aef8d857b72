#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "nodehost/exec_policy.h"
#include "nodehost/stop_signal.h"

namespace openclaw::nodehost {

struct NodeHostOptions {
  std::string url;
  std::optional<std::string> token;
  std::optional<std::string> password;
  std::optional<std::string> tlsFingerprint;  // wss:// certificate pin (ConnectOptions)
  std::optional<std::string> displayName;
  std::filesystem::path stateDir;  // its identity and device token live under identity/
  ExecPolicy policy;
  std::chrono::milliseconds initialBackoff{500};
  std::chrono::milliseconds maxBackoff{30'000};
};

// `openclaw node run`: a headless node. Connects as role "node" with a signed device identity,
// keeps the device token the gateway issues and presents it on later connects, serves
// node.invoke.request with system.run / system.which / system.info (commands run on worker
// threads while this thread keeps reading the socket), and reconnects with capped, jittered
// exponential backoff whenever the connection ends. Progress lines go to stdout.
// Returns the exit code once `stop` is requested (0).
int runNodeHost(const NodeHostOptions& options, StopSignal& stop);

}  // namespace openclaw::nodehost
