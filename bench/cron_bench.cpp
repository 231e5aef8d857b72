// What scheduled jobs cost a gateway that is otherwise idle: resident memory and wake-ups (the
// context switches of all its threads) per minute, with no jobs and with 10,000 recurring jobs
// none of which is due during the measurement. The scheduler keeps one timer for the earliest
// job, so the wake-ups should not grow with the number of jobs.
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "bench_util.h"
#include "drained_gateway.h"
#include "report.h"
#include "sections.h"

namespace openclaw::bench {
namespace {

constexpr std::size_t kJobs = 10'000;
constexpr auto kIdleWindow = std::chrono::seconds(30);

// Voluntary and involuntary context switches of every thread of `pid` so far.
double contextSwitches(pid_t pid) {
  double total = 0;
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator(tasks)) {
    const pid_t tid = static_cast<pid_t>(std::stol(task.path().filename().string()));
    const std::string status = "/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid);
    std::ifstream file(status + "/status");
    std::string line;
    while (std::getline(file, line)) {
      for (const char* field : {"voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:"}) {
        if (line.rfind(field, 0) == 0) total += std::stod(line.substr(std::strlen(field)));
      }
    }
  }
  return total;
}

// Wake-ups per minute over one idle window.
double idleWakeupsPerMinute(pid_t pid) {
  const double before = contextSwitches(pid);
  std::this_thread::sleep_for(kIdleWindow);  // the measurement window, not synchronisation
  const double minutes = std::chrono::duration<double>(kIdleWindow).count() / 60.0;
  return (contextSwitches(pid) - before) / minutes;
}

nlohmann::json hourlyJob(std::size_t index) {
  return {{"name", "job-" + std::to_string(index)},
          {"schedule", {{"kind", "every"}, {"everyMs", 3'600'000}}},
          {"sessionTarget", "main"},
          {"wakeMode", "next-heartbeat"},
          {"payload", {{"kind", "systemEvent"}, {"text", "tick " + std::to_string(index)}}}};
}

}  // namespace

void runCronScale(const Options&) {
  // No heartbeat: its timer would be the idle wake-ups measured here.
  const nlohmann::json noHeartbeat = {
      {"agents", {{"defaults", {{"heartbeat", {{"every", "0m"}}}}}}}};
  DrainedGateway gateway(noHeartbeat);
  client::GatewayClient client = gateway.connect();
  Table table("Scheduled jobs at rest: memory and wake-ups of an idle gateway",
              {"jobs", "RSS", "wake-ups per minute (all threads)", "detail"});
  const double emptyRss = vmRssKiB(gateway.pid());
  const double emptyWakeups = idleWakeupsPerMinute(gateway.pid());
  table.add({"0", format("%.0f KiB", emptyRss), format("%.0f", emptyWakeups), "baseline"});

  const auto start = Clock::now();
  for (std::size_t i = 0; i < kJobs; ++i) client.call("cron.add", hourlyJob(i));
  const double addMs = millisSince(start);
  const double fullRss = vmRssKiB(gateway.pid());
  const double fullWakeups = idleWakeupsPerMinute(gateway.pid());
  table.add({std::to_string(kJobs), format("%.0f KiB", fullRss), format("%.0f", fullWakeups),
             format("%+.0f KiB (%.2f KiB a job); added in %.1f s (%.2f ms a cron.add)",
                    fullRss - emptyRss, (fullRss - emptyRss) / static_cast<double>(kJobs),
                    addMs / 1000.0, addMs / static_cast<double>(kJobs))});
  table.print();
}

}  // namespace openclaw::bench
