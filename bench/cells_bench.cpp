#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "cell_process.h"
#include "child_groups.h"
#include "density_sections.h"
#include "gateway_process.h"
#include "reference_gateway.h"
#include "report.h"

namespace openclaw::bench {
namespace {

constexpr auto kCellDeadline = std::chrono::seconds(30);
// The reference takes 10-17 s to start here, longer while others compete for the CPU.
constexpr auto kReferenceDeadline = std::chrono::seconds(120);
// No new gateway starts when the whole section has run this long.
constexpr auto kSectionDeadline = std::chrono::minutes(15);
// Whatever the budget, a new gateway must leave this much of the machine's memory available.
constexpr double kMemAvailableFloorKiB = 2.0 * 1024 * 1024;

double memAvailableKiB() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    if (line.rfind("MemAvailable:", 0) == 0) return std::stod(line.substr(13));
  }
  return 0;
}

struct Memory {
  double rssKiB = 0, pssKiB = 0;
  void add(pid_t pid) {
    rssKiB += std::max(0.0, vmRssKiB(pid));
    pssKiB += std::max(0.0, smapsRollupKiB(pid, "Pss"));
  }
};

std::vector<pid_t> pidsOf(const CellProcess& cell) { return {cell.pid()}; }
std::vector<pid_t> pidsOf(const ReferenceGateway& reference) { return reference.pids(); }

// The line of a failed start's message that says why ("gateway failed: ..."), else its first.
std::string why(const std::runtime_error& error) {
  const std::string text = error.what();
  auto from = text.find("failed: ");
  from = from == std::string::npos ? 0 : from + 8;
  return text.substr(from, text.find('\n', from) - from);
}

struct CellsResult {
  std::size_t started = 0, healthy = 0;
  Memory held;
  std::string stoppedBy;
  double startSeconds = 0;  // first start to the last one healthy
};

// Starts gateways one after another with `start` (returns the new one's pids once it is ready)
// until `maxCells`, the budget, the memory floor or the section deadline stops it; then reads
// what they hold together after the settle time, and how many still answer /healthz.
template <typename Gateway, typename Start>
CellsResult fillBudget(std::size_t maxCells, double budgetKiB, Start start) {
  CellsResult result;
  std::vector<std::unique_ptr<Gateway>> gateways;
  double largestCellKiB = 0;  // the next one is expected to need as much as the largest so far
  const auto began = Clock::now();
  result.stoppedBy = "N = " + std::to_string(maxCells);
  while (gateways.size() < maxCells) {
    throwIfInterrupted();
    Memory held;
    for (const auto& gateway : gateways) {
      for (const pid_t pid : pidsOf(*gateway)) held.add(pid);
    }
    if (held.pssKiB + largestCellKiB > budgetKiB) {
      result.stoppedBy = format("budget (%.0f MiB)", budgetKiB / 1024);
      break;
    }
    if (memAvailableKiB() - largestCellKiB < kMemAvailableFloorKiB) {
      result.stoppedBy = "MemAvailable floor (2 GiB)";
      break;
    }
    if (Clock::now() - began > kSectionDeadline) {
      result.stoppedBy = "section deadline (15 min)";
      break;
    }
    try {
      gateways.push_back(start());
    } catch (const std::runtime_error& error) {
      // A limit of the machine (e.g. inotify instances: two per gateway) is a result too.
      if (child_groups::interrupted()) throw;
      result.stoppedBy = "start " + std::to_string(gateways.size() + 1) + " failed: " + why(error);
      break;
    }
    Memory cell;
    for (const pid_t pid : pidsOf(*gateways.back())) cell.add(pid);
    largestCellKiB = std::max(largestCellKiB, cell.rssKiB);
  }
  result.started = gateways.size();
  result.startSeconds = millisSince(began) / 1000;
  std::this_thread::sleep_for(kDensitySettle);
  for (const auto& gateway : gateways) {
    if (healthzStatus(gateway->port(), std::chrono::seconds(5)) == 200) ++result.healthy;
    for (const pid_t pid : pidsOf(*gateway)) result.held.add(pid);
  }
  return result;
}

double cellsPerGiB(std::size_t cells, double heldKiB) {
  return heldKiB > 0 ? static_cast<double>(cells) / (heldKiB / (1024 * 1024)) : 0;
}

void addRow(Table& table, const std::string& name, const CellsResult& result) {
  const double perCell =
      result.started > 0 ? result.held.pssKiB / static_cast<double>(result.started) : 0;
  table.add({name, format("%zu / %zu", result.healthy, result.started), result.stoppedBy,
             format("%.1f s", result.startSeconds), format("%.1f MiB", result.held.rssKiB / 1024),
             format("%.1f MiB", result.held.pssKiB / 1024), format("%.2f MiB", perCell / 1024),
             format("%.1f", cellsPerGiB(result.healthy, result.held.pssKiB)),
             format("%.1f", cellsPerGiB(result.healthy, result.held.rssKiB))});
}

}  // namespace

void runCellsPerGiB(const DensityOptions& options) {
  const double budgetKiB = options.budgetMiB * 1024;
  const auto startCell = [] {
    auto cell = std::make_unique<CellProcess>(std::vector<std::string>{e2e::binaryPath()});
    cell->waitHealthy(kCellDeadline);
    return cell;
  };
  const CellsResult ours = fillBudget<CellProcess>(options.maxCells, budgetKiB, startCell);

  std::string referenceNote = "reference skipped: " + options.referenceSkipped;
  std::optional<CellsResult> reference;
  if (options.referenceDir && options.referenceCells > 0) {
    const auto startReference = [&options] {
      auto gateway = std::make_unique<ReferenceGateway>(*options.referenceDir);
      gateway->waitReady(kReferenceDeadline);
      const int status = healthzStatus(gateway->port(), std::chrono::seconds(10));
      if (status != 200) {
        throw std::runtime_error("reference ready but /healthz answered " + std::to_string(status));
      }
      return gateway;
    };
    try {
      reference = fillBudget<ReferenceGateway>(options.referenceCells, budgetKiB, startReference);
      referenceNote = "reference: at most " + std::to_string(options.referenceCells) +
                      " (--reference-cells), each started like ours with its own home, state "
                      "directory and port";
    } catch (const std::exception& error) {
      referenceNote = std::string("reference FAILED: ") + error.what();
    }
  }

  Table table("Cells per GiB of RAM (one gateway process per tenant, no container)",
              {"gateway", "healthy / started", "stopped by", "start-up of all", "RSS held (sum)",
               "PSS held (sum)", "PSS per cell", "cells per GiB (PSS)", "cells per GiB (RSS sum)"});
  addRow(table, "openclaw (native)", ours);
  if (reference) {
    addRow(table, "reference (Node, npm openclaw)", *reference);
    const double oursPerGiB = cellsPerGiB(ours.healthy, ours.held.pssKiB);
    const double referencePerGiB = cellsPerGiB(reference->healthy, reference->held.pssKiB);
    if (referencePerGiB > 0) {
      table.add({"ratio (ours / reference, PSS)", "", "", "", "", "", "",
                 format("%.0fx", oursPerGiB / referencePerGiB), ""});
    }
  } else {
    table.add({"**" + referenceNote.substr(0, referenceNote.find('\n')) + "**", "", "", "", "", "",
               "", "", ""});
  }
  table.print();
  std::printf(
      "\nbudget %.0f MiB of PSS, at most %zu of ours; %s. Memory read %lld s after the last "
      "one answered /healthz. PSS divides shared pages (the executable's code, libc) among the "
      "processes mapping them; the RSS sum counts them once per process.\n",
      options.budgetMiB, options.maxCells, referenceNote.c_str(),
      static_cast<long long>(kDensitySettle.count()));
}

}  // namespace openclaw::bench
