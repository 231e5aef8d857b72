#include <gtest/gtest.h>

#include "cli/cron_output.h"
#include "cli/cron_run.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

constexpr std::int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

TEST(CliCronOutput, SchedulesReadAsPeopleWriteThem) {
  EXPECT_EQ(describeSchedule({{"kind", "at"}, {"at", "2026-03-23T22:00:00.000Z"}}),
            "at 2026-03-23 22:00Z");
  EXPECT_EQ(describeSchedule({{"kind", "every"}, {"everyMs", 5'400'000}}), "every 1h30m");
  EXPECT_EQ(describeSchedule({{"kind", "every"}, {"everyMs", 1500}}), "every 1s500ms");
  EXPECT_EQ(describeSchedule({{"kind", "cron"}, {"expr", "0 7 * * *"}, {"tz", "Europe/Berlin"}}),
            "cron 0 7 * * * @ Europe/Berlin");
  EXPECT_EQ(describeSchedule({{"kind", "cron"}, {"expr", "0 * * * *"}, {"staggerMs", 0}}),
            "cron 0 * * * * (exact)");
  EXPECT_EQ(describeSchedule({{"kind", "cron"}, {"expr", "0 * * * *"}, {"staggerMs", 300'000}}),
            "cron 0 * * * * (stagger 5m)");
  EXPECT_EQ(describeSchedule(json()), "-");
}

TEST(CliCronOutput, RelativeTimes) {
  EXPECT_EQ(relativeTime(kNow + 30'000, kNow), "in <1m");
  EXPECT_EQ(relativeTime(kNow + 20 * 60'000, kNow), "in 20m");
  EXPECT_EQ(relativeTime(kNow - 3 * 3'600'000, kNow), "3h ago");
  EXPECT_EQ(relativeTime(kNow + 3 * 86'400'000LL, kNow), "in 3d");
  EXPECT_EQ(relativeTime(json(), kNow), "-");
}

TEST(CliCronOutput, StatusIsRunningDisabledTheLastRunOrIdle) {
  EXPECT_EQ(cronJobStatus({{"enabled", true}, {"state", json::object()}}), "idle");
  EXPECT_EQ(cronJobStatus({{"enabled", false}, {"state", {{"lastRunStatus", "ok"}}}}), "disabled");
  EXPECT_EQ(cronJobStatus({{"enabled", false}, {"state", {{"runningAtMs", kNow}}}}), "running");
  EXPECT_EQ(cronJobStatus({{"enabled", true}, {"state", {{"lastRunStatus", "error"}}}}), "error");
  const json list = withCronStatus({{"jobs", {{{"enabled", true}, {"state", json::object()}}}}});
  EXPECT_EQ(list["jobs"][0]["status"], "idle");
  EXPECT_EQ(withCronStatus({{"enabled", false}, {"state", json::object()}})["status"], "disabled");
}

TEST(CliCronOutput, ListIsATableWithOneRowPerJob) {
  const json jobs = json::parse(R"([
    {"id": "a1", "name": "Morning brief", "enabled": true, "sessionTarget": "isolated",
     "agentId": "ops", "schedule": {"kind": "cron", "expr": "0 7 * * *"},
     "payload": {"kind": "agentTurn", "message": "m", "model": "openai/gpt-5"},
     "state": {"nextRunAtMs": 1767250800000, "lastRunStatus": "error", "consecutiveErrors": 3,
               "lastRunAtMs": 1767218400000}},
    {"id": "b2", "name": "Tick\u001b[31m", "enabled": false, "sessionTarget": "main",
     "schedule": {"kind": "every", "everyMs": 60000},
     "payload": {"kind": "systemEvent", "text": "t"}, "state": {"nextRunAtMs": 1767225660000}}
  ])");
  EXPECT_EQ(
      cronListTable(jobs, kNow),
      "ID  Name           Schedule        Next   Last    Status      Target    Agent    Model\n"
      "a1  Morning brief  cron 0 7 * * *  in 7h  2h ago  error (3x)  isolated  ops      "
      "openai/gpt-5\n"
      "b2  Tick?[31m      every 1m        -      -       disabled    main      default  -\n");
  EXPECT_EQ(cronListTable(json::array(), kNow), "No automations.\n");
}

TEST(CliCronOutput, LongCellsAreCut) {
  const json jobs = {{{"id", "x"}, {"name", std::string(60, 'n')}, {"schedule", json()}}};
  const std::string table = cronListTable(jobs, kNow);
  EXPECT_NE(table.find(std::string(21, 'n') + "..."), std::string::npos) << table;
  EXPECT_EQ(table.find(std::string(22, 'n')), std::string::npos) << table;
}

TEST(CliCronOutput, ShowNamesEveryFact) {
  const json job = json::parse(R"({
    "id": "a1", "name": "Brief", "enabled": true, "sessionTarget": "isolated",
    "effectiveAgentId": "main",
    "wakeMode": "now", "schedule": {"kind": "every", "everyMs": 3600000},
    "payload": {"kind": "agentTurn", "message": "Summarize."},
    "delivery": {"mode": "announce", "channel": "telegram", "to": "123"},
    "state": {"lastRunStatus": "ok", "lastDeliveryStatus": "not-delivered",
              "lastDeliveryError": "not linked"}})");
  const std::string text = cronShowText(job, kNow);
  for (const char* line :
       {"id: a1\n", "name: Brief\n", "enabled: yes\n", "schedule: every 1h\n",
        "session: isolated\n", "agent: main\n", "payload: agent message: Summarize.\n",
        "delivery: announce telegram -> 123\n", "status: ok (not delivered)\n",
        "last delivery error: not linked\n", "next: -\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
}

TEST(CliCronOutput, RunEntriesGetReadableTimesNextToTheWireFields) {
  const json runs = withRunTimes(
      {{"entries", {{{"ts", kNow}, {"jobId", "a1"}, {"status", "ok"}, {"runAtMs", kNow - 1000}}}},
       {"total", 1}});
  EXPECT_EQ(runs["entries"][0]["ts"], kNow);
  EXPECT_EQ(runs["entries"][0]["tsIso"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(runs["entries"][0]["runAtIso"], "2025-12-31T23:59:59.000Z");
  EXPECT_FALSE(runs["entries"][0].contains("nextRunAtIso"));
  EXPECT_EQ(runs["total"], 1);
}

TEST(CliCronOutput, CompletionStatusOfARun) {
  EXPECT_EQ(runCompletionStatus({{"status", "ok"}, {"deliveryStatus", "not-requested"}}),
            "succeeded");
  EXPECT_EQ(runCompletionStatus({{"status", "ok"}, {"deliveryStatus", "delivered"}}), "succeeded");
  EXPECT_EQ(runCompletionStatus({{"status", "ok"}, {"deliveryStatus", "not-delivered"}}),
            "unknown");
  EXPECT_EQ(runCompletionStatus({{"status", "error"}}), "failed");
  EXPECT_EQ(runCompletionStatus({{"status", "skipped"}}), "failed");
  EXPECT_EQ(runCompletionStatus({{"status", "ok"}, {"completionStatus", "failed"}}), "failed");
}

}  // namespace
}  // namespace openclaw::cli
