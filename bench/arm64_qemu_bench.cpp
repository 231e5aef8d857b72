#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "cell_process.h"
#include "core/executable_lookup.h"
#include "density_sections.h"
#include "gateway_process.h"
#include "report.h"

namespace openclaw::bench {
namespace {

// User-mode QEMU translates every instruction at first use: start-up takes far longer than
// natively, so the deadlines are generous.
constexpr auto kQemuDeadline = std::chrono::seconds(120);

struct StartSamples {
  std::vector<double> healthyMs, helloOkMs, rssKiB, pssKiB;
};

// `runs` fresh starts of `command`: each to /healthz, then to a hello-ok, then memory after the
// settle time.
StartSamples measureStarts(const std::vector<std::string>& command, int runs) {
  StartSamples samples;
  for (int run = 0; run < runs; ++run) {
    CellProcess gateway(command);
    samples.healthyMs.push_back(gateway.waitHealthy(kQemuDeadline));
    samples.helloOkMs.push_back(gateway.waitHelloOk(kQemuDeadline));
    std::this_thread::sleep_for(kDensitySettle);
    samples.rssKiB.push_back(vmRssKiB(gateway.pid()));
    samples.pssKiB.push_back(smapsRollupKiB(gateway.pid(), "Pss"));
  }
  return samples;
}

void skip(const std::string& why) {
  std::printf("\n### arm64 under qemu-user\n\n**arm64 skipped: %s**\n", why.c_str());
  std::fflush(stdout);
}

}  // namespace

void runArm64UnderQemu(const DensityOptions& options) {
  if (!std::filesystem::is_regular_file(options.arm64Binary)) {
    skip(options.arm64Binary.string() + " not found (scripts/build-arm64.sh builds it)");
    return;
  }
  const auto qemu = core::resolveExecutable("qemu-aarch64-static", core::processPath());
  if (!qemu) {
    skip("qemu-aarch64-static not found (Debian package qemu-user-static)");
    return;
  }
  const StartSamples native = measureStarts({e2e::binaryPath()}, options.runs);
  const StartSamples arm64 =
      measureStarts({qemu->string(), options.arm64Binary.string()}, options.runs);

  const auto ratio = [](const std::vector<double>& emulated, const std::vector<double>& base) {
    return format("%.1fx", median(emulated) / median(base));
  };
  Table table("arm64 under qemu-user next to native x86-64 (same run)",
              {"metric", "x86-64 native", "arm64 under qemu-aarch64-static", "ratio"});
  table.add({"process start to /healthz 200", format("%.1f ms", median(native.healthyMs)),
             format("%.0f ms", median(arm64.healthyMs)), ratio(arm64.healthyMs, native.healthyMs)});
  table.add({"process start to first hello-ok", format("%.1f ms", median(native.helloOkMs)),
             format("%.0f ms", median(arm64.helloOkMs)), ratio(arm64.helloOkMs, native.helloOkMs)});
  table.add({"idle VmRSS (1 s after hello-ok)", format("%.2f MiB", median(native.rssKiB) / 1024),
             format("%.2f MiB", median(arm64.rssKiB) / 1024), ratio(arm64.rssKiB, native.rssKiB)});
  table.add({"idle PSS (smaps_rollup)", format("%.2f MiB", median(native.pssKiB) / 1024),
             format("%.2f MiB", median(arm64.pssKiB) / 1024), ratio(arm64.pssKiB, native.pssKiB)});
  table.print();
  std::printf(
      "\nmedians of %d starts each; arm64: %s under %s. QEMU translates the code at first use "
      "and its own process (translator, translated-code cache, guest mappings) is part of the "
      "RSS, so both arm64 columns are upper bounds for a real arm64 board, not estimates of it.\n",
      options.runs, options.arm64Binary.c_str(), qemu->c_str());
}

}  // namespace openclaw::bench
