// The sections of openclaw_density_bench: what a gateway costs on a small board and how many
// isolated gateways fit in a GiB of RAM. Each prints its own table.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace openclaw::bench {

struct DensityOptions {
  int runs = 5;                       // arm64 section: starts of each binary
  std::filesystem::path arm64Binary;  // the cross-built Release gateway
  std::size_t maxCells = 200;         // ours: stop at this many cells
  double budgetMiB = 4096;            // stop before the cells hold more than this (PSS)
  std::size_t referenceCells = 3;     // the reference: at most this many (about 1 GB each)
  std::optional<std::filesystem::path> referenceDir;  // unset: see referenceSkipped
  std::string referenceSkipped = "not requested";
};

// Settle time between a gateway's readiness and reading its memory, as in the start-up table.
constexpr auto kDensitySettle = std::chrono::seconds(1);

// Start-up (process start to /healthz, then to the first hello-ok) and idle RSS/PSS of the arm64
// binary under qemu-aarch64-static next to the native x86-64 binary of this build, with ratios.
// Skips with a message when the arm64 binary or qemu is missing.
void runArm64UnderQemu(const DensityOptions& options);
// Starts gateways as separate processes, isolated like fleet cells minus the container, until
// the budget or maxCells is reached (the reference: referenceCells), and prints cells per GiB.
void runCellsPerGiB(const DensityOptions& options);

}  // namespace openclaw::bench
