// What a gateway costs where memory is scarce: the arm64 build under qemu-user next to the
// native one (start-up, idle memory), and how many isolated gateways (one per tenant, like
// `openclaw fleet` cells without the container) fit in a GiB of RAM, ours against the reference.
// A benchmark, not a test: it asserts nothing. bench/README.md, "Small boards and cells", explains
// the tables.
//
// usage: openclaw_density_bench [--runs N] [--arm64-binary PATH] [--max-cells N]
//                               [--budget-mib MIB] [--reference-cells N]
//                               [--reference-dir DIR | --reference-skipped REASON]
//                               [--only arm64|cells]
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "bench_util.h"
#include "child_groups.h"
#include "density_sections.h"
#include "gateway_process.h"

namespace {

using namespace openclaw::bench;

constexpr const char* kUsage =
    "usage: openclaw_density_bench [--runs N] [--arm64-binary PATH] [--max-cells N]\n"
    "                              [--budget-mib MIB] [--reference-cells N]\n"
    "                              [--reference-dir DIR | --reference-skipped REASON]\n"
    "                              [--only arm64|cells]\n";

// `value` as a whole number in [low, high]; a clear error otherwise.
long boundedNumber(const std::string& flag, const std::string& value, long low, long high) {
  std::size_t used = 0;
  long number = 0;
  try {
    number = std::stol(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || number < low || number > high) {
    throw std::invalid_argument(flag + " needs a whole number from " + std::to_string(low) +
                                " to " + std::to_string(high) + ", got \"" + value + "\"");
  }
  return number;
}

struct Invocation {
  DensityOptions options;
  std::string only;  // "", "arm64" or "cells"
};

Invocation parse(int argc, char** argv) {
  Invocation invocation;
  DensityOptions& options = invocation.options;
  options.arm64Binary = OPENCLAW_SOURCE_DIR "/build-arm64/src/openclaw";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--runs") {
      options.runs = static_cast<int>(boundedNumber(flag, value, 1, 100));
    } else if (flag == "--arm64-binary") {
      options.arm64Binary = value;
    } else if (flag == "--max-cells") {
      options.maxCells = static_cast<std::size_t>(boundedNumber(flag, value, 1, 1000));
    } else if (flag == "--budget-mib") {
      // Never near the whole machine: the section also keeps 2 GiB available whatever this is.
      options.budgetMiB = static_cast<double>(boundedNumber(flag, value, 64, 16384));
    } else if (flag == "--reference-cells") {
      options.referenceCells = static_cast<std::size_t>(boundedNumber(flag, value, 0, 16));
    } else if (flag == "--reference-dir") {
      options.referenceDir = value;
    } else if (flag == "--reference-skipped") {
      options.referenceSkipped = value;
    } else if (flag == "--only" && (value == "arm64" || value == "cells")) {
      invocation.only = value;
    } else {
      throw std::invalid_argument("unknown option " + flag + " " + value);
    }
  }
  return invocation;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Invocation invocation = parse(argc, argv);
    child_groups::killOnSignals();
    const rlim_t files = raiseFileLimit();
    std::printf("openclaw density benchmark: %s\nopen-files limit %llu\n",
                openclaw::e2e::binaryPath().c_str(), static_cast<unsigned long long>(files));
    if (invocation.only != "cells") runArm64UnderQemu(invocation.options);
    if (invocation.only != "arm64") runCellsPerGiB(invocation.options);
    if (child_groups::interrupted()) throw std::runtime_error("interrupted");
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "openclaw_density_bench: %s\n", error.what());
    return 1;
  }
}
