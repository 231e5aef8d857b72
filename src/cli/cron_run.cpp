#include "cli/cron_run.h"

#include <algorithm>
#include <iostream>

#include "core/clock.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

bool isFinished(const json& entry) {
  const std::string status = entry.is_object() ? entry.value("status", "") : "";
  return status == "ok" || status == "error" || status == "skipped";
}

// Waits up to `timeout` for a `cron` event about job `id` (a finished run, usually).
void awaitJobEvent(client::GatewayClient& gateway, const std::string& id, milliseconds timeout) {
  const std::int64_t deadline = core::monotonicMs() + timeout.count();
  for (std::int64_t left = timeout.count(); left > 0; left = deadline - core::monotonicMs()) {
    const std::optional<json> event = gateway.nextEvent(milliseconds(left));
    if (!event) return;
    if (event->value("event", "") == "cron" &&
        event->value("payload", json::object()).value("jobId", "") == id) {
      return;
    }
  }
}

}  // namespace

std::string runCompletionStatus(const json& entry) {
  if (entry.contains("completionStatus") && entry.at("completionStatus").is_string()) {
    return entry.at("completionStatus").get<std::string>();
  }
  const std::string status = entry.value("status", "");
  if (status == "error" || status == "skipped") return "failed";
  if (status != "ok") return "unknown";
  const std::string delivery = entry.value("deliveryStatus", "");
  return entry.value("delivered", false) || delivery == "delivered" || delivery == "not-requested"
             ? "succeeded"
             : "unknown";
}

int runCronJob(client::GatewayClient& gateway, const CronRunArgs& args) {
  const json answer = gateway.call(
      "cron.run", {{"id", args.id}, {"mode", args.due ? "due" : "force"}}, args.callTimeout);
  const bool ok = answer.value("ok", false);
  const bool enqueued = answer.value("enqueued", false);
  if (!args.wait || !ok || !enqueued) {
    std::cout << answer.dump(2) << "\n";
    return ok && (enqueued || answer.value("ran", false)) ? 0 : 1;
  }
  const std::string runId = answer.value("runId", "");
  if (runId.empty()) {
    std::cerr << "error: cron.run did not return a runId to wait for\n";
    return 1;
  }
  const std::int64_t deadline = core::monotonicMs() + args.waitTimeout.count();
  for (;;) {
    const std::int64_t left = std::max<std::int64_t>(1, deadline - core::monotonicMs());
    const json runs = gateway.call("cron.runs", {{"id", args.id}, {"runId", runId}, {"limit", 1}},
                                   std::min(args.callTimeout, milliseconds(left)));
    const json entries = runs.value("entries", json::array());
    if (!entries.empty() && isFinished(entries.front())) {
      json run = entries.front();
      const std::string completion = runCompletionStatus(run);
      run["completionStatus"] = completion;
      json result = answer;
      result["completed"] = true;
      result["status"] = run.at("status");
      result["completionStatus"] = completion;
      result["run"] = run;
      std::cout << result.dump(2) << "\n";
      return completion == "succeeded" ? 0 : 1;
    }
    const std::int64_t remaining = deadline - core::monotonicMs();
    if (remaining <= 0) {
      std::cerr << "error: timed out waiting for cron run " << runId << "\n";
      return 1;
    }
    awaitJobEvent(gateway, args.id, std::min(args.pollInterval, milliseconds(remaining)));
  }
}

}  // namespace openclaw::cli
