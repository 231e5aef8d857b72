// The cron methods over the real gateway: cron.add/list/get/update/remove/status/run/runs, the
// `cron` events operators get, scopes, bad input refused with nothing stored, unknown ids, and
// jobs that survive a restart (the bound on the number of jobs: tests/unit/cron_methods_test.cpp).
#include <gtest/gtest.h>

#include <csignal>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json everyMinuteEvent(const std::string& name = "inbox check") {
  return {{"name", name},
          {"schedule", {{"kind", "every"}, {"everyMs", 60'000}}},
          {"sessionTarget", "main"},
          {"wakeMode", "next-heartbeat"},
          {"payload", {{"kind", "systemEvent"}, {"text", "check the inbox"}}}};
}

json dailyDigest() {
  return {{"name", "digest"},
          {"schedule", {{"kind", "cron"}, {"expr", "30 7 * * *"}, {"tz", "Europe/Berlin"}}},
          {"sessionTarget", "isolated"},
          {"wakeMode", "now"},
          {"payload", {{"kind", "agentTurn"}, {"message", "Summarize the news"}}},
          {"delivery", {{"mode", "announce"}, {"channel", "irc"}, {"to", "#news"}}}};
}

std::string errorCode(const json& response) {
  return response.value("ok", true) ? "" : response.at("error").value("code", "");
}

std::string errorMessage(const json& response) {
  return response.value("ok", true) ? "" : response.at("error").value("message", "");
}

json cronEvent(client::GatewayClient& client, const std::string& action, const std::string& jobId) {
  return waitForEvent(client,
                      [&](const json& event) {
                        return event.value("event", "") == "cron" &&
                               event.at("payload").value("action", "") == action &&
                               event.at("payload").value("jobId", "") == jobId;
                      })
      .at("payload");
}

class CronMethods : public ::testing::Test {
 protected:
  void SetUp() override {
    gateway.start();
    op = std::make_unique<client::GatewayClient>(gateway.connect());
  }

  json allJobs() { return op->call("cron.list", {{"includeDisabled", true}}); }

  GatewayProcess gateway;
  std::unique_ptr<client::GatewayClient> op;
};

TEST_F(CronMethods, AddListGetUpdateRemoveAndStatus) {
  const json job = op->call("cron.add", everyMinuteEvent());
  const std::string id = job.at("id");
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(job.at("name"), "inbox check");
  EXPECT_EQ(job.at("schedule").at("everyMs"), 60'000);
  EXPECT_EQ(job.at("sessionTarget"), "main");
  EXPECT_EQ(job.at("wakeMode"), "next-heartbeat");
  EXPECT_EQ(job.at("payload"), (json{{"kind", "systemEvent"}, {"text", "check the inbox"}}));
  EXPECT_TRUE(job.at("state").contains("nextRunAtMs"));
  EXPECT_EQ(job.at("nextRunAtMs"), job.at("state").at("nextRunAtMs"));
  EXPECT_EQ(job.at("deliveryPreview").at("label"), "not requested");

  const json digest = op->call("cron.add", dailyDigest());
  EXPECT_EQ(digest.at("delivery"),
            (json{{"mode", "announce"}, {"channel", "irc"}, {"to", "#news"}}));
  EXPECT_EQ(digest.at("schedule").at("tz"), "Europe/Berlin");

  const json page = op->call("cron.list");
  EXPECT_EQ(page.at("total"), 2);
  EXPECT_EQ(page.at("hasMore"), false);
  EXPECT_EQ(page.at("nextOffset"), nullptr);
  ASSERT_EQ(page.at("jobs").size(), 2u);
  EXPECT_EQ(page.at("jobs")[0].at("effectiveAgentId"), "main");
  EXPECT_TRUE(page.at("deliveryPreviews").contains(id));

  const json got = op->call("cron.get", {{"id", id}});
  EXPECT_EQ(got.at("id"), id);
  EXPECT_EQ(got.at("configRevision"), job.at("configRevision"));
  EXPECT_EQ(op->call("cron.get", {{"jobId", id}}).at("name"), "inbox check");

  const json updated = op->call(
      "cron.update", {{"id", id}, {"patch", {{"name", "inbox sweep"}, {"enabled", false}}}});
  EXPECT_EQ(updated.at("name"), "inbox sweep");
  EXPECT_EQ(updated.at("enabled"), false);
  EXPECT_EQ(updated.at("payload"), job.at("payload"));
  EXPECT_NE(updated.at("configRevision"), job.at("configRevision"));
  // Disabled jobs are listed only when asked for.
  EXPECT_EQ(op->call("cron.list").at("total"), 1);
  EXPECT_EQ(allJobs().at("total"), 2);

  // expectedConfigRevision guards against a definition changed since it was read.
  const json stale =
      op->request("cron.update", {{"id", id},
                                  {"patch", {{"enabled", true}}},
                                  {"expectedConfigRevision", job.at("configRevision")}});
  EXPECT_EQ(errorCode(stale), "INVALID_REQUEST");
  EXPECT_EQ(stale.at("error").at("details").at("code"), "CRON_JOB_CHANGED");

  const json status = op->call("cron.status");
  EXPECT_EQ(status.at("jobs"), 2);
  EXPECT_EQ(status.at("storage"), "sqlite");
  EXPECT_TRUE(status.contains("enabled"));
  EXPECT_TRUE(status.contains("nextWakeAtMs"));

  EXPECT_EQ(op->call("cron.remove", {{"id", id}}), (json{{"ok", true}, {"removed", true}}));
  EXPECT_EQ(allJobs().at("total"), 1);
  EXPECT_EQ(op->call("cron.status").at("jobs"), 1);
}

TEST_F(CronMethods, OperatorsGetCronEvents) {
  client::GatewayClient watcher = gateway.connect();
  const std::string id = op->call("cron.add", everyMinuteEvent()).at("id");
  const json added = cronEvent(watcher, "added", id);
  EXPECT_EQ(added.at("job").at("name"), "inbox check");
  EXPECT_TRUE(added.contains("nextRunAtMs"));
  op->call("cron.update", {{"id", id}, {"patch", {{"description", "every minute"}}}});
  EXPECT_EQ(cronEvent(watcher, "updated", id).at("job").at("description"), "every minute");
  op->call("cron.remove", {{"jobId", id}});
  EXPECT_EQ(cronEvent(watcher, "removed", id).at("job").at("id"), id);
}

TEST_F(CronMethods, ReadOnlyOperatorsCanLookButNotChange) {
  const std::string id = op->call("cron.add", everyMinuteEvent()).at("id");
  client::ConnectOptions options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient reader(options);
  reader.connect();
  EXPECT_EQ(reader.call("cron.list").at("total"), 1);
  EXPECT_EQ(reader.call("cron.get", {{"id", id}}).at("id"), id);
  EXPECT_TRUE(reader.call("cron.status").contains("jobs"));
  EXPECT_TRUE(reader.call("cron.runs", {{"id", id}}).contains("entries"));
  EXPECT_EQ(errorCode(reader.request("cron.add", everyMinuteEvent())), "FORBIDDEN");
  EXPECT_EQ(errorCode(reader.request("cron.update", {{"id", id}, {"patch", {{"enabled", false}}}})),
            "FORBIDDEN");
  EXPECT_EQ(errorCode(reader.request("cron.remove", {{"id", id}})), "FORBIDDEN");
  EXPECT_EQ(errorCode(reader.request("cron.run", {{"id", id}})), "FORBIDDEN");
  EXPECT_EQ(allJobs().at("jobs")[0].at("enabled"), true);
}

TEST_F(CronMethods, BadInputIsRefusedNamingTheFieldAndNothingIsStored) {
  const auto with = [](json params, const json& patch) {
    params.merge_patch(patch);
    return params;
  };
  const json main = everyMinuteEvent();
  const json isolated = dailyDigest();
  struct Bad {
    json params;
    const char* mentions;
  };
  const std::vector<Bad> cases = {
      {with(isolated, {{"schedule", {{"expr", "61 * * * *"}}}}), "schedule.expr"},
      {with(isolated, {{"schedule", {{"tz", "Mars/Olympus_Mons"}}}}), "schedule.tz"},
      {with(main,
            {{"schedule", {{"kind", "at"}, {"at", "2001-01-01T00:00:00Z"}, {"everyMs", nullptr}}}}),
       "schedule.at"},
      {with(main, {{"schedule", {{"everyMs", 10}}}}), "schedule.everyMs"},
      {with(isolated, {{"delivery", {{"channel", "whatsapp"}}}}), "delivery.channel"},
      {with(isolated, {{"delivery", {{"mode", "webhook"}, {"to", "ftp://example.com/x"}}}}),
       "delivery.to"},
      {with(isolated, {{"agentId", "ghost"}}), "agentId"},
      {with(main, {{"sessionTarget", "isolated"}}), "payload.kind"},
      {with(main, {{"declarationKey", "nightly"}}), "declarationKey"},
      {with(main, {{"trigger", {{"script", "return true"}}}}), "trigger"},
      {with(isolated, {{"payload", {{"kind", "command"}, {"argv", {"ls"}}, {"message", nullptr}}}}),
       "payload.kind"},
      // Wrong types and unknown fields fail the schema.
      {with(main, {{"name", 5}}), "name"},
      {with(main, {{"extra", true}}), "extra"},
      {with(main, {{"schedule", {{"everyMs", "60000"}}}}), "schedule"},
  };
  for (const Bad& bad : cases) {
    const json response = op->request("cron.add", bad.params);
    EXPECT_EQ(errorCode(response), "INVALID_REQUEST") << bad.params.dump();
    EXPECT_NE(errorMessage(response).find(bad.mentions), std::string::npos)
        << bad.mentions << ": " << errorMessage(response);
  }
  EXPECT_EQ(allJobs().at("total"), 0);
  EXPECT_EQ(op->call("cron.status").at("jobs"), 0);

  // A refused update leaves the job as it was.
  const json job = op->call("cron.add", isolated);
  const std::string id = job.at("id");
  EXPECT_EQ(errorCode(op->request(
                "cron.update",
                {{"id", id}, {"patch", {{"schedule", {{"kind", "cron"}, {"expr", "nope"}}}}}})),
            "INVALID_REQUEST");
  EXPECT_EQ(errorCode(op->request("cron.update", {{"id", id}, {"patch", {{"agentId", "ghost"}}}})),
            "INVALID_REQUEST");
  EXPECT_EQ(errorCode(op->request("cron.update", {{"id", id}, {"patch", {{"bogus", 1}}}})),
            "INVALID_REQUEST");
  EXPECT_EQ(op->call("cron.get", {{"id", id}}), op->call("cron.get", {{"id", id}}));
  EXPECT_EQ(op->call("cron.get", {{"id", id}}).at("configRevision"), job.at("configRevision"));
}

TEST_F(CronMethods, UnknownIdsAreNotFoundWithUpstreamsDetails) {
  const std::vector<std::pair<std::string, json>> calls = {
      {"cron.get", {{"id", "nope"}}},
      {"cron.update", {{"id", "nope"}, {"patch", {{"enabled", false}}}}},
      {"cron.remove", {{"id", "nope"}}},
      {"cron.run", {{"id", "nope"}}},
      {"cron.runs", {{"id", "nope"}}},
  };
  for (const auto& [method, params] : calls) {
    const json response = op->request(method, params);
    ASSERT_EQ(errorCode(response), "INVALID_REQUEST") << method;
    EXPECT_EQ(response.at("error").at("details"),
              (json{{"code", "CRON_JOB_NOT_FOUND"}, {"jobId", "nope"}}))
        << method;
  }
}

TEST_F(CronMethods, JobsSurviveARestart) {
  const json job = op->call("cron.add", dailyDigest());
  op.reset();
  ASSERT_EQ(gateway.stop(SIGTERM), 0);
  gateway.start();
  op = std::make_unique<client::GatewayClient>(gateway.connect());
  const json again = op->call("cron.get", {{"id", job.at("id")}});
  for (const char* key : {"id", "name", "schedule", "sessionTarget", "wakeMode", "payload",
                          "delivery", "createdAtMs", "configRevision"}) {
    EXPECT_EQ(again.at(key), job.at(key)) << key;
  }
  EXPECT_EQ(op->call("cron.status").at("jobs"), 1);
}

TEST_F(CronMethods, RunNowIsRecordedInTheHistory) {
  client::GatewayClient watcher = gateway.connect();
  const std::string id = op->call("cron.add", everyMinuteEvent()).at("id");
  EXPECT_EQ(op->call("cron.run", {{"id", id}, {"mode", "due"}}).at("reason"), "not-due");
  const json run = op->call("cron.run", {{"id", id}});
  ASSERT_EQ(run.at("enqueued"), true) << run.dump();
  EXPECT_FALSE(run.at("processInstanceId").get<std::string>().empty());
  EXPECT_EQ(cronEvent(watcher, "started", id).at("job").at("id"), id);
  const json finished = cronEvent(watcher, "finished", id);
  EXPECT_EQ(finished.at("status"), "ok");
  const json runs = op->call("cron.runs", {{"id", id}});
  ASSERT_EQ(runs.at("total"), 1) << runs.dump();
  const json& entry = runs.at("entries")[0];
  EXPECT_EQ(entry.at("jobId"), id);
  EXPECT_EQ(entry.at("action"), "finished");
  EXPECT_EQ(entry.at("status"), "ok");
  EXPECT_EQ(op->call("cron.runs", {{"id", id}, {"status", "error"}}).at("total"), 0);
  EXPECT_EQ(op->call("cron.runs", {{"scope", "all"}}).at("total"), 1);
  const json job = op->call("cron.get", {{"id", id}});
  EXPECT_EQ(job.at("lastRunStatus"), "ok");
  EXPECT_EQ(job.at("state").at("lastStatus"), "ok");
}

}  // namespace
}  // namespace openclaw::e2e
