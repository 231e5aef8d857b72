#pragma once

#include <string>

namespace openclaw::core {

// The git commit the binary was built from (abbreviated), or "unknown" for sources outside a git
// checkout. Defined in a file generated at build time (cmake/write_build_commit.cmake).
extern const char* const kBuildCommit;

// The CMake build type the binary was built with: "Release", "Debug", ...
std::string buildType();

// "openclaw 2026.9.6 (commit 1a2b3c4, Release)": what `openclaw --version` prints.
std::string versionLine();

}  // namespace openclaw::core
