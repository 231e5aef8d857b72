#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::core {

struct ProcessSpec {
  // argv[0] is looked up in PATH when it has no '/'. No shell: use shellCommand() for one.
  std::vector<std::string> argv;
  std::filesystem::path cwd;  // empty: the caller's working directory
  // Full environment as NAME=VALUE entries; nullopt inherits the caller's environment.
  std::optional<std::vector<std::string>> environment;
  std::chrono::milliseconds timeout{0};  // 0: no time limit
  std::size_t outputLimit = 200 * 1024;  // bytes of output kept; the rest is read and dropped
  // After SIGTERM, how long the process group has before SIGKILL.
  std::chrono::milliseconds killGrace{2000};
  // Polled while the child runs (at least every 50 ms); set it to stop the child early.
  const std::atomic<bool>* cancelled = nullptr;
};

struct ProcessResult {
  bool started = false;
  std::string startError;         // why the child could not be started (started == false)
  std::optional<int> exitCode;    // set when the child exited normally
  std::optional<int> termSignal;  // set when a signal ended it
  std::string output;             // stdout and stderr interleaved, at most outputLimit bytes
  std::size_t totalOutputBytes = 0;
  bool truncated = false;  // output exceeded outputLimit
  bool timedOut = false;
  bool cancelled = false;
  std::chrono::milliseconds duration{0};
};

// Runs the child in its own process group with stdin from /dev/null and stdout+stderr on one
// pipe, and blocks until it is done. On timeout or cancellation the whole group gets SIGTERM,
// then SIGKILL after killGrace. When the child itself exits, whatever it left running in its
// group (background jobs) is killed, and output is collected until the pipe closes or, if
// something outside the group still holds it, for at most killGrace more. Never throws for
// child failures; a program that cannot be started yields started=false and startError.
ProcessResult runProcess(const ProcessSpec& spec);

// argv that runs `script` with /bin/sh -c.
std::vector<std::string> shellCommand(const std::string& script);

}  // namespace openclaw::core
