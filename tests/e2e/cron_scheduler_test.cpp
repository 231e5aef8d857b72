// The scheduler over the real gateway and a local model server: a one-shot job fires by itself,
// runs an isolated agent turn and deletes itself; a run cut short by kill -9 is recorded as
// interrupted once after the restart, and the job is not fired again at start-up.
#include <gtest/gtest.h>

#include <csignal>

#include "core/clock.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

json isolatedTurn(const json& schedule) {
  return {{"name", "probe"},
          {"schedule", schedule},
          {"sessionTarget", "isolated"},
          {"wakeMode", "now"},
          {"payload", {{"kind", "agentTurn"}, {"message", "report the weather"}}},
          {"delivery", {{"mode", "none"}}}};
}

bool isCronEvent(const json& event, const std::string& action, const std::string& jobId) {
  return event.value("event", "") == "cron" && event.at("payload").value("action", "") == action &&
         event.at("payload").value("jobId", "") == jobId;
}

class CronScheduler : public ::testing::Test {
 protected:
  ScriptedProvider provider;
  GatewayProcess gateway{provider.gatewayConfig()};
};

TEST_F(CronScheduler, AnAtJobFiresOnceByItselfAndDeletesItself) {
  provider.enqueue(ScriptedReply::text({"Sunny, ", "22 degrees."}));
  gateway.start();
  client::GatewayClient op = gateway.connect();
  const json job = op.call(
      "cron.add", isolatedTurn({{"kind", "at"}, {"at", core::isoTimeUtc(core::nowMs() + 1500)}}));
  const std::string id = job.at("id");
  EXPECT_EQ(job.at("deleteAfterRun"), true);  // upstream's default for one-shots

  const json finished = waitForEvent(
      op, [&](const json& event) { return isCronEvent(event, "finished", id); }, 30s);
  EXPECT_EQ(finished.at("payload").at("status"), "ok") << finished.dump();
  EXPECT_EQ(finished.at("payload").at("summary"), "Sunny, 22 degrees.");
  waitForEvent(op, [&](const json& event) { return isCronEvent(event, "removed", id); });

  const json gone = op.request("cron.get", {{"id", id}});
  EXPECT_EQ(gone.at("error").at("details").at("code"), "CRON_JOB_NOT_FOUND");
  EXPECT_EQ(provider.requests().size(), 1U);
  const json runs = op.call("cron.runs", {{"scope", "all"}});
  ASSERT_EQ(runs.at("total"), 0) << "the one-shot's history goes with it: " << runs.dump();
}

TEST_F(CronScheduler, AKilledRunIsRecordedInterruptedOnceAndNotFiredAgainAtStartup) {
  provider.enqueue(ScriptedReply::hanging());  // the run stays in flight until the kill
  gateway.start();
  std::string id;
  {
    client::GatewayClient op = gateway.connect();
    id = op.call("cron.add", isolatedTurn({{"kind", "every"}, {"everyMs", 3'600'000}}))
             .at("id")
             .get<std::string>();
    const json run = op.call("cron.run", {{"id", id}, {"mode", "force"}});
    ASSERT_EQ(run.at("ok"), true) << run.dump();
    ASSERT_TRUE(provider.waitForRequests(1, 20s)) << "the forced run never reached the model";
  }
  ASSERT_EQ(gateway.stop(SIGKILL), 128 + SIGKILL);

  gateway.start();
  client::GatewayClient op = gateway.connect();
  // The store is read as the gateway starts; wait (bounded) until it has been.
  json runs;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  do {
    runs = op.call("cron.runs", {{"id", id}});
  } while (runs.at("total") == 0 && std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(runs.at("total"), 1) << runs.dump();
  const json& record = runs.at("entries").at(0);
  EXPECT_EQ(record.at("status"), "error");
  EXPECT_TRUE(contains(record.value("error", ""), "interrupted")) << record.dump();

  // A second restart finds nothing left to mark.
  ASSERT_EQ(gateway.stop(SIGTERM), 0);
  gateway.start();
  client::GatewayClient again = gateway.connect();
  const json job = again.call("cron.get", {{"id", id}});
  EXPECT_EQ(again.call("cron.runs", {{"id", id}}).at("total"), 1);
  // Not replayed at start-up: the next run is the schedule's (an hour after the anchor), not now.
  EXPECT_GT(job.at("state").at("nextRunAtMs").get<std::int64_t>(), core::nowMs() + 60'000)
      << job.dump();
  EXPECT_EQ(provider.requests().size(), 1U);
}

}  // namespace
}  // namespace openclaw::e2e
