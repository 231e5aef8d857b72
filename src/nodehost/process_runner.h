#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "nodehost/running_children.h"

namespace openclaw::nodehost {

struct ProcessSpec {
  std::filesystem::path executable;  // absolute
  std::vector<std::string> argv;     // argv[0] as the caller wrote it
  std::optional<std::filesystem::path> cwd;
  std::chrono::milliseconds timeout{30000};
  std::size_t maxOutputBytes = 200 * 1024;  // per stream; the rest is read and dropped
  RunningChildren* children = nullptr;      // where the running child is recorded, if anywhere
};

struct ProcessResult {
  std::optional<int> exitCode;  // unset when a signal ended it
  std::optional<int> signal;
  bool timedOut = false;  // killed (with its process group) at the deadline
  bool truncated = false;
  std::string stdoutText;
  std::string stderrText;
  std::string error;  // the program could not be started (e.g. a bad cwd)
};

// Runs the program without a shell, stdin from /dev/null, in its own process group; blocks
// until it exits or the timeout passes. For the node host's worker thread.
ProcessResult runProcess(const ProcessSpec& spec);

}  // namespace openclaw::nodehost
