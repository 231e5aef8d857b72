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
  // argv[0] is looked up in this process's PATH (resolveExecutable) when it has no '/'. No
  // shell: use shellCommand() for one.
  std::vector<std::string> argv;
  // When set, the file started (argv[0] is still passed as written): for callers that resolved
  // and vetted the program themselves.
  std::filesystem::path executable;
  std::filesystem::path cwd;  // empty: the caller's working directory
  // Full environment as NAME=VALUE entries; nullopt inherits the caller's environment.
  std::optional<std::vector<std::string>> environment;
  std::chrono::milliseconds timeout{0};  // 0: no time limit
  std::size_t outputLimit = 200 * 1024;  // bytes kept per stream; the rest is read and dropped
  // stderr into ProcessResult::errorOutput instead of interleaved with stdout in output.
  bool separateStderr = false;
  // After SIGTERM, how long the process group has before SIGKILL.
  std::chrono::milliseconds killGrace{2000};
  // Polled while the child runs (at least every 50 ms); set it to stop the child early.
  const std::atomic<bool>* cancelled = nullptr;
};

struct ProcessResult {
  bool started = false;
  std::string startError;            // why the child could not be started (started == false)
  std::optional<int> exitCode;       // set when the child exited normally
  std::optional<int> termSignal;     // set when a signal ended it
  std::string output;                // stdout (and stderr, interleaved), at most outputLimit bytes
  std::string errorOutput;           // stderr with separateStderr, at most outputLimit bytes
  std::size_t totalOutputBytes = 0;  // of both streams
  bool truncated = false;            // a stream exceeded outputLimit
  bool timedOut = false;
  bool cancelled = false;
  std::chrono::milliseconds duration{0};
};

// Runs the child in its own process group with stdin from /dev/null and stdout+stderr on one
// pipe (or two, with separateStderr), and blocks until it is done. On timeout or cancellation the
// whole group gets SIGTERM, then SIGKILL after killGrace. When the child itself exits, whatever it
// left running in its group (background jobs) is killed, and output is collected until the pipes
// close or, if something outside the group still holds it, for at most killGrace more. A cancel
// flag already set when the child starts ends it at once. Never throws for child failures; a
// program that cannot be started yields started=false and startError.
ProcessResult runProcess(const ProcessSpec& spec);

// Starts `spec` (argv, executable, cwd, environment; the limits are not used) in its own process
// group with stdin from /dev/null and stdout+stderr on `outputFd`, and returns at once with its
// pid, which is also the group id: for long-lived children the caller supervises, signals as a
// group and reaps. Throws std::runtime_error when the program cannot be started.
int startProcessGroup(const ProcessSpec& spec, int outputFd);

// argv that runs `script` with /bin/sh -c.
std::vector<std::string> shellCommand(const std::string& script);

}  // namespace openclaw::core
