// `openclaw cron create|edit` flags -> cron.add params / cron.update patch, parsed through the
// real flag declarations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cron_params.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;
using Args = std::vector<std::string>;

constexpr std::int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

void parse(CLI::App& app, const Args& args) {
  std::vector<const char*> argv{"cron"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
}

json addParams(const Args& args) {
  CronAddOptions options;
  CLI::App app;
  declareCronAddFlags(app, options);
  parse(app, args);
  return cronAddParams(options, kNow);
}

// The usage error cronAddParams raises for `args`, "" when it raises none.
std::string addError(const Args& args) {
  try {
    addParams(args);
  } catch (const CronUsageError& error) {
    return error.what();
  }
  return "";
}

const json kStoredCronJob = {
    {"id", "j1"},
    {"schedule", {{"kind", "cron"}, {"expr", "0 7 * * *"}, {"tz", "Europe/Berlin"}}},
    {"payload", {{"kind", "agentTurn"}, {"message", "hi"}}}};
const json kStoredEveryJob = {{"id", "j2"},
                              {"schedule", {{"kind", "every"}, {"everyMs", 60000}}},
                              {"payload", {{"kind", "systemEvent"}, {"text", "tick"}}}};

struct Edit {
  json patch;
  int fetches = 0;
};

Edit editPatch(const Args& args, const json& stored = kStoredCronJob) {
  CronEditOptions options;
  CLI::App app;
  declareCronEditFlags(app, options);
  Args withId = {"j1"};
  withId.insert(withId.end(), args.begin(), args.end());
  parse(app, withId);
  Edit edit;
  edit.patch = cronEditPatch(options, kNow, [&] {
    ++edit.fetches;
    return stored;
  });
  return edit;
}

std::string editError(const Args& args, const json& stored = kStoredCronJob) {
  try {
    editPatch(args, stored);
  } catch (const CronUsageError& error) {
    return error.what();
  }
  return "";
}

TEST(CliCronParams, APositionalCronScheduleAndMessageMakeAnIsolatedAnnouncedAgentJob) {
  EXPECT_EQ(addParams({"0 7 * * *", "Summarize overnight updates.", "--name", "Morning brief",
                       "--tz", "America/Los_Angeles"}),
            json::parse(R"({
              "name": "Morning brief", "enabled": true,
              "schedule": {"kind": "cron", "expr": "0 7 * * *", "tz": "America/Los_Angeles"},
              "sessionTarget": "isolated", "wakeMode": "now",
              "payload": {"kind": "agentTurn", "message": "Summarize overnight updates."},
              "delivery": {"mode": "announce", "channel": "last"}})"));
}

TEST(CliCronParams, PositionalSchedulesCoverEveryAtAndSixFieldCron) {
  EXPECT_EQ(addParams({"every 1h", "x", "--name", "n"})["schedule"],
            json({{"kind", "every"}, {"everyMs", 3'600'000}}));
  EXPECT_EQ(addParams({"20m", "x", "--name", "n"})["schedule"],
            json({{"kind", "at"}, {"at", "2026-01-01T00:20:00.000Z"}}));
  EXPECT_EQ(addParams({"*/30 * * * * *", "x", "--name", "n"})["schedule"],
            json({{"kind", "cron"}, {"expr", "*/30 * * * * *"}}));
}

TEST(CliCronParams, WithAScheduleFlagThePositionalIsTheName) {
  const json params = addParams({"Calendar check", "--at", "20m", "--system-event", "Check."});
  EXPECT_EQ(params["name"], "Calendar check");
  EXPECT_EQ(params["schedule"], json({{"kind", "at"}, {"at", "2026-01-01T00:20:00.000Z"}}));
  EXPECT_EQ(params["sessionTarget"], "main");
  EXPECT_EQ(params["payload"], json({{"kind", "systemEvent"}, {"text", "Check."}}));
  EXPECT_FALSE(params.contains("delivery"));
}

TEST(CliCronParams, AtTakesIsoTimesAndZones) {
  EXPECT_EQ(addParams({"n", "--at", "2026-03-23T23:00:00+01:00", "--system-event",
                       "x"})["schedule"]["at"],
            "2026-03-23T22:00:00.000Z");
  EXPECT_EQ(addParams({"n", "--at", "2026-03-23T09:00", "--tz", "America/New_York",
                       "--system-event", "x"})["schedule"]["at"],
            "2026-03-23T13:00:00.000Z");
}

TEST(CliCronParams, EveryAndCronFlagsWithStagger) {
  EXPECT_EQ(addParams({"n", "--every", "1h30m", "--system-event", "x"})["schedule"],
            json({{"kind", "every"}, {"everyMs", 5'400'000}}));
  EXPECT_EQ(addParams({"n", "--cron", "0 * * * *", "--stagger", "30s", "--system-event",
                       "x"})["schedule"],
            json({{"kind", "cron"}, {"expr", "0 * * * *"}, {"staggerMs", 30'000}}));
  EXPECT_EQ(addParams({"n", "--cron", "0 * * * *", "--exact", "--system-event", "x"})["schedule"],
            json({{"kind", "cron"}, {"expr", "0 * * * *"}, {"staggerMs", 0}}));
}

TEST(CliCronParams, EveryFlagOfAMainSystemEventJob) {
  EXPECT_EQ(addParams({"--name",
                       "Reminder",
                       "--at",
                       "2h",
                       "--session",
                       "MAIN",
                       "--system-event",
                       "Stand up.",
                       "--wake",
                       "next-heartbeat",
                       "--delete-after-run",
                       "--agent",
                       "Ops Team",
                       "--session-key",
                       "agent:ops:main",
                       "--description",
                       "daily",
                       "--webhook",
                       " https://hooks.example/cron ",
                       "--best-effort-deliver"}),
            json::parse(R"({
              "name": "Reminder", "description": "daily", "enabled": true,
              "deleteAfterRun": true, "agentId": "ops-team", "sessionKey": "agent:ops:main",
              "schedule": {"kind": "at", "at": "2026-01-01T02:00:00.000Z"},
              "sessionTarget": "main", "wakeMode": "next-heartbeat",
              "payload": {"kind": "systemEvent", "text": "Stand up."},
              "delivery": {"mode": "webhook", "to": "https://hooks.example/cron",
                           "bestEffort": true}})"));
}

TEST(CliCronParams, EveryFlagOfAnAgentJob) {
  EXPECT_EQ(addParams({"--name",
                       "Deep analysis",
                       "--cron",
                       "0 6 * * 1",
                       "--session",
                       "session:Daily-Standup",
                       "--message",
                       "Weekly analysis.",
                       "--model",
                       "anthropic/claude-opus",
                       "--thinking",
                       "high",
                       "--timeout-seconds",
                       "90",
                       "--light-context",
                       "--announce",
                       "--channel",
                       "telegram",
                       "--to",
                       "-1001234567890",
                       "--thread-id",
                       "42",
                       "--account",
                       "bot2",
                       "--best-effort-deliver",
                       "--keep-after-run",
                       "--disabled"}),
            json::parse(R"({
              "name": "Deep analysis", "enabled": false, "deleteAfterRun": false,
              "schedule": {"kind": "cron", "expr": "0 6 * * 1"},
              "sessionTarget": "session:Daily-Standup", "wakeMode": "now",
              "payload": {"kind": "agentTurn", "message": "Weekly analysis.",
                          "model": "anthropic/claude-opus", "thinking": "high",
                          "timeoutSeconds": 90, "lightContext": true},
              "delivery": {"mode": "announce", "channel": "telegram", "to": "-1001234567890",
                           "threadId": 42, "accountId": "bot2", "bestEffort": true}})"));
}

TEST(CliCronParams, DeliveryModesOfAgentJobs) {
  EXPECT_EQ(addParams({"every 1h", "x", "--name", "n", "--no-deliver"})["delivery"],
            json({{"mode", "none"}, {"channel", "last"}}));
  EXPECT_EQ(
      addParams({"every 1h", "x", "--name", "n", "--webhook", "http://127.0.0.1:9/h"})["delivery"],
      json({{"mode", "webhook"}, {"to", "http://127.0.0.1:9/h"}}));
  EXPECT_EQ(addParams({"every 1h", "x", "--name", "n", "--session", "current"})["sessionTarget"],
            "current");
}

TEST(CliCronParams, InvalidCombinationsAreRefusedNamingTheFlags) {
  const std::vector<std::pair<Args, std::string>> cases = {
      {{"--name", "n", "--system-event", "x"}, "Choose exactly one schedule"},
      {{"n", "--at", "1h", "--every", "1h", "--system-event", "x"}, "Choose exactly one schedule"},
      {{"n", "--every", "1h", "--tz", "UTC", "--system-event", "x"}, "--tz is only valid"},
      {{"n", "--at", "1h", "--stagger", "30s", "--system-event", "x"},
       "--stagger/--exact are only valid for cron"},
      {{"n", "--every", "1h", "--exact", "--system-event", "x"},
       "--stagger/--exact are only valid for cron"},
      {{"n", "--cron", "0 * * * *", "--stagger", "30s", "--exact", "--system-event", "x"},
       "Choose either --stagger or --exact"},
      {{"n", "--cron", "0 * * * *", "--stagger", "soon", "--system-event", "x"},
       "Invalid --stagger"},
      {{"n", "--at", "tomorrow", "--system-event", "x"}, "Invalid --at"},
      {{"n", "--at", "2026-02-30T10:00", "--system-event", "x"}, "Invalid --at"},
      {{"n", "--at", "2026-03-23T10:00", "--tz", "Mars/Olympus", "--system-event", "x"},
       "Unknown time zone in --tz: Mars/Olympus"},
      {{"n", "--every", "0s", "--system-event", "x"}, "Invalid --every"},
      {{"n", "--every", "often", "--system-event", "x"}, "Invalid --every"},
      {{"n", "--at", "  ", "--system-event", "x"}, "--at must not be blank"},
      {{"n", "--at", "1h"}, "Choose exactly one payload"},
      {{"n", "--at", "1h", "--system-event", "x", "--message", "y"}, "Choose exactly one payload"},
      {{"n", "--at", "1h", "--system-event", "x", "--session", "isolated"},
       "Isolated jobs require --message"},
      {{"n", "--at", "1h", "--message", "x", "--session", "main"},
       "Main jobs require --system-event"},
      {{"n", "--at", "1h", "--message", "x", "--session", "elsewhere"},
       "--session must be main, isolated, current, or session:<key>"},
      {{"n", "--at", "1h", "--message", "x", "--session", "session:"}, "--session must be"},
      {{"n", "--at", "1h", "--system-event", "x", "--wake", "later"},
       "--wake must be now or next-heartbeat"},
      {{"n", "--at", "1h", "--system-event", "x", "--announce"},
       "--announce/--no-deliver require a --message job"},
      {{"n", "--at", "1h", "--system-event", "x", "--to", "123"},
       "--channel, --to, --account and --thread-id require"},
      {{"n", "--at", "1h", "--system-event", "x", "--best-effort-deliver"},
       "--best-effort-deliver needs a delivery"},
      {{"n", "--at", "1h", "--message", "x", "--webhook", "ftp://host/x"},
       "--webhook must be a valid http(s) URL"},
      {{"n", "--at", "1h", "--message", "x", "--webhook", "https://u:p@host/x"},
       "--webhook must be a valid http(s) URL"},
      {{"n", "--at", "1h", "--message", "x", "--webhook", "https://h/x", "--channel", "irc"},
       "--webhook cannot be combined with chat delivery options"},
      {{"n", "--at", "1h", "--message", "x", "--announce", "--no-deliver"},
       "Choose at most one of --announce, --no-deliver, or --webhook"},
      {{"n", "--at", "1h", "--system-event", "x", "--delete-after-run", "--keep-after-run"},
       "Choose --delete-after-run or --keep-after-run"},
      {{"n", "--at", "1h", "--message", "x", "--timeout-seconds", "-1"},
       "Invalid --timeout-seconds (must be a non-negative integer)."},
      {{"n", "--at", "1h", "--message", "x", "--timeout-seconds", "1.5"},
       "Invalid --timeout-seconds"},
      {{"n", "--at", "1h", "--message", "x", "--thread-id", "0"},
       "Invalid --thread-id (must be a positive integer)."},
      {{"n", "--at", "1h", "--system-event", "x", "--model", "m"},
       "--model, --thinking, --timeout-seconds and --light-context apply to --message jobs"},
      {{"--at", "1h", "--system-event", "x"}, "A job name is required"},
      {{"n", "--name", "m", "--at", "1h", "--system-event", "x"},
       "either positionally or with --name"},
      {{"--name", " ", "--at", "1h", "--system-event", "x"}, "--name must not be blank"},
      {{"--name", "n", "--at", "1h", "--system-event", "x", "--agent", ""},
       "--agent must not be blank"},
      {{"0 7 * * *", "a", "--message", "b", "--name", "n"},
       "either positionally or with --message"},
  };
  for (const auto& [args, message] : cases) {
    const std::string error = addError(args);
    EXPECT_NE(error.find(message), std::string::npos)
        << ::testing::PrintToString(args) << " -> '" << error << "'";
  }
}

TEST(CliCronParams, EditPatchesOnlyWhatTheFlagsName) {
  const Edit edit =
      editPatch({"--name", "Renamed", "--description", "", "--enable", "--agent", "ops",
                 "--clear-session-key", "--wake", "next-heartbeat", "--keep-after-run"});
  EXPECT_EQ(edit.patch, json::parse(R"({"name": "Renamed", "description": "", "enabled": true,
                                        "agentId": "ops", "sessionKey": null,
                                        "wakeMode": "next-heartbeat", "deleteAfterRun": false})"));
  EXPECT_EQ(edit.fetches, 0);
  EXPECT_EQ(editPatch({"--disable", "--clear-agent"}).patch,
            json({{"enabled", false}, {"agentId", nullptr}}));
}

TEST(CliCronParams, EditScheduleChanges) {
  EXPECT_EQ(editPatch({"--every", "5m"}).patch["schedule"],
            json({{"kind", "every"}, {"everyMs", 300'000}}));
  EXPECT_EQ(editPatch({"--at", "+10m"}).patch["schedule"],
            json({{"kind", "at"}, {"at", "2026-01-01T00:10:00.000Z"}}));
  // A new expression keeps the stored zone; --tz alone keeps the stored expression.
  Edit edit = editPatch({"--cron", "30 8 * * 1-5"});
  EXPECT_EQ(edit.patch["schedule"],
            json({{"kind", "cron"}, {"expr", "30 8 * * 1-5"}, {"tz", "Europe/Berlin"}}));
  EXPECT_EQ(edit.fetches, 1);
  EXPECT_EQ(
      editPatch({"--tz", "Asia/Tokyo", "--exact"}).patch["schedule"],
      json({{"kind", "cron"}, {"expr", "0 7 * * *"}, {"tz", "Asia/Tokyo"}, {"staggerMs", 0}}));
  EXPECT_EQ(editPatch({"--cron", "0 9 * * *", "--tz", "UTC"}).fetches, 0);
}

TEST(CliCronParams, EditPayloadChanges) {
  EXPECT_EQ(editPatch({"--message", "Updated", "--clear-model", "--thinking", "low",
                       "--no-light-context", "--timeout-seconds", "0"})
                .patch["payload"],
            json::parse(R"({"kind": "agentTurn", "message": "Updated", "model": null,
                            "thinking": "low", "lightContext": false, "timeoutSeconds": 0})"));
  EXPECT_EQ(editPatch({"--system-event", "New text"}).patch["payload"],
            json({{"kind", "systemEvent"}, {"text", "New text"}}));
  // --timeout-seconds alone: allowed for a stored agent job only.
  Edit edit = editPatch({"--timeout-seconds", "120"});
  EXPECT_EQ(edit.patch["payload"], json({{"kind", "agentTurn"}, {"timeoutSeconds", 120}}));
  EXPECT_EQ(edit.fetches, 1);
  EXPECT_EQ(editError({"--timeout-seconds", "120"}, kStoredEveryJob),
            "--timeout-seconds is not supported for systemEvent jobs.");
}

TEST(CliCronParams, EditDeliveryChanges) {
  EXPECT_EQ(
      editPatch({"--clear-channel", "--to", "#ops", "--clear-thread-id", "--account", "a"})
          .patch["delivery"],
      json({{"channel", nullptr}, {"to", "#ops"}, {"threadId", nullptr}, {"accountId", "a"}}));
  EXPECT_EQ(editPatch({"--webhook", "https://h.example/x"}).patch["delivery"],
            json({{"mode", "webhook"}, {"to", "https://h.example/x"}}));
  EXPECT_EQ(editPatch({"--best-effort-deliver"}).patch["delivery"],
            json({{"mode", "announce"}, {"bestEffort", true}}));
  EXPECT_EQ(editPatch({"--no-deliver", "--no-best-effort-deliver"}).patch["delivery"],
            json({{"mode", "none"}, {"bestEffort", false}}));
}

TEST(CliCronParams, InvalidEditsAreRefused) {
  const std::vector<std::pair<Args, std::string>> cases = {
      {{}, "Nothing to change"},
      {{"--enable", "--disable"}, "Choose --enable or --disable, not both"},
      {{"--model", "m", "--clear-model"}, "Use --model or --clear-model, not both"},
      {{"--thinking", "low", "--clear-thinking"}, "Use --thinking or --clear-thinking"},
      {{"--light-context", "--no-light-context"}, "Use --light-context or --no-light-context"},
      {{"--channel", "irc", "--clear-channel"}, "Use --channel or --clear-channel, not both"},
      {{"--account", "a", "--clear-account"}, "Use --account or --clear-account, not both"},
      {{"--agent", "a", "--clear-agent"}, "Use --agent or --clear-agent, not both"},
      {{"--session", "main", "--message", "x"}, "Main jobs cannot use --message"},
      {{"--session", "isolated", "--system-event", "x"}, "Isolated jobs cannot use --system-event"},
      {{"--system-event", "x", "--model", "m"}, "Choose at most one payload change"},
      {{"--system-event", "x", "--timeout-seconds", "5"}, "not supported for systemEvent jobs"},
      {{"--every", "1h", "--cron", "0 * * * *"}, "Choose at most one schedule change"},
      {{"--every", "1h", "--tz", "UTC"}, "--tz is only valid"},
      {{"--webhook", "https://h/x", "--clear-to"}, "--webhook cannot be combined"},
      {{"--webhook", "mailto:x@y"}, "--webhook must be a valid http(s) URL"},
      {{"--best-effort-deliver", "--no-best-effort-deliver"}, "not both"},
      {{"--name", ""}, "--name must not be blank"},
  };
  for (const auto& [args, message] : cases) {
    const std::string error = editError(args);
    EXPECT_NE(error.find(message), std::string::npos)
        << ::testing::PrintToString(args) << " -> '" << error << "'";
  }
  EXPECT_NE(editError({"--tz", "UTC"}, kStoredEveryJob).find("not a cron expression"),
            std::string::npos);
}

}  // namespace
}  // namespace openclaw::cli
