#pragma once

namespace openclaw::cli {

// Parses argv, runs the chosen command and returns the process exit code: 0 on success, 1 when
// the command failed, 2 for a usage error.
int runCli(int argc, char** argv);

}  // namespace openclaw::cli
