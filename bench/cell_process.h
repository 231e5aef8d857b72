// One gateway started the way an `openclaw fleet` cell starts it, minus the container: its own
// home and state directory, a config there with its own token, its own loopback port, the
// command `openclaw gateway --port P`. The command may go through a launcher
// (qemu-aarch64-static for the arm64 binary). Output goes to <dir>/gateway.out.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_util.h"
#include "temp_dir.h"

namespace openclaw::bench {

// Throws when the benchmark was interrupted (child_groups.h): its wait loops call it.
void throwIfInterrupted();

// GET /healthz on 127.0.0.1:`port`: its status, 0 when nothing answers (not listening yet).
int healthzStatus(int port, std::chrono::milliseconds deadline);

class CellProcess {
 public:
  // `command`: the binary, or a launcher and its arguments followed by the binary.
  explicit CellProcess(const std::vector<std::string>& command);
  ~CellProcess();  // SIGTERM to its process group, SIGKILL after 10 s
  CellProcess(const CellProcess&) = delete;
  CellProcess& operator=(const CellProcess&) = delete;

  // Polls GET /healthz every 5 ms until it answers 200; returns milliseconds since the process
  // was started. Throws std::runtime_error (with the output's tail) when the deadline passes or
  // the process exits.
  double waitHealthy(std::chrono::milliseconds deadline);
  // Connects with the cell's token until hello-ok; milliseconds since the process was started.
  double waitHelloOk(std::chrono::milliseconds deadline);

  pid_t pid() const { return pid_; }
  int port() const { return port_; }

 private:
  bool running() const;
  std::string outputTail() const;

  testsupport::TempDir dir_;
  std::string token_;
  int port_ = 0;
  pid_t pid_ = -1;
  Clock::time_point startedAt_;
};

}  // namespace openclaw::bench
