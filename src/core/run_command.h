#pragma once

#include <string>
#include <vector>

namespace openclaw::core {

struct CommandOutput {
  int exitCode = -1;   // 127 when the program could not be started
  std::string output;  // stdout and stderr, interleaved
};

// Runs argv[0] (looked up in PATH) with argv, no shell, stdin from /dev/null; waits for it and
// returns its exit code and output. Blocking: for CLI commands and start-up code only.
CommandOutput runCommand(const std::vector<std::string>& argv);

}  // namespace openclaw::core
