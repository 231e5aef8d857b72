// `openclaw cron` / `openclaw automations` and `openclaw system` as a user types them, against
// the real gateway: what they print (tables, JSON matching the wire), exit codes and errors.
#include <gtest/gtest.h>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using Args = std::vector<std::string>;

class CliCron : public ::testing::Test {
 protected:
  void SetUp() override { gateway_.start(); }

  // `openclaw <args> --url … --token …`.
  CommandResult cli(Args args) {
    args.insert(args.end(), {"--url", gateway_.url(), "--token", GatewayProcess::kToken});
    return runCli(args, gateway_.home().path());
  }

  // `cli(args)` expected to succeed with JSON on stdout.
  json cliJson(const Args& args) {
    const CommandResult result = cli(args);
    EXPECT_EQ(result.exitCode, 0) << result.err << result.out;
    return json::parse(result.out);
  }

  json wire(const std::string& method, const json& params) {
    return gateway_.connect().call(method, params);
  }

  GatewayProcess gateway_;
};

// The job without the fields the CLI adds or the scheduler moves on its own.
json stable(json job) {
  job.erase("status");
  job.erase("state");
  job.erase("deliveryPreview");
  return job;
}

TEST_F(CliCron, AJobsLifeThroughTheCommandLine) {
  // create: the stored job as JSON, the same as cron.get answers.
  const json created = cliJson({"cron", "create", "Tick", "--every", "1h", "--system-event", "tick",
                                "--wake", "next-heartbeat", "--json"});
  const std::string id = created.at("id");
  EXPECT_EQ(created.at("name"), "Tick");
  EXPECT_EQ(created.at("schedule").at("everyMs"), 3'600'000);
  EXPECT_EQ(created.at("sessionTarget"), "main");
  EXPECT_EQ(created.at("payload"), json({{"kind", "systemEvent"}, {"text", "tick"}}));
  EXPECT_EQ(stable(cliJson({"cron", "get", id})), stable(wire("cron.get", {{"id", id}})));

  // list: a table for people, the wire's jobs (with a status) for scripts.
  CommandResult result = cli({"cron", "list"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "ID")) << result.out;
  EXPECT_TRUE(contains(result.out, id + "  Tick  every 1h  in 59m")) << result.out;
  json listed = cliJson({"cron", "list", "--json"});
  ASSERT_EQ(listed.at("jobs").size(), 1U);
  EXPECT_EQ(listed.at("jobs")[0].at("status"), "idle");
  EXPECT_EQ(stable(listed.at("jobs")[0]), stable(wire("cron.list", json::object())["jobs"][0]));

  // show: by id or by exact name.
  result = cli({"cron", "show", "tick"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "id: " + id + "\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "schedule: every 1h\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "payload: system event: tick\n")) << result.out;
  EXPECT_EQ(cliJson({"cron", "show", id, "--json"}).at("status"), "idle");

  // edit: only what the flags name changes.
  const json edited = cliJson({"cron", "edit", id, "--every", "30m", "--name", "Tock"});
  EXPECT_EQ(edited.at("name"), "Tock");
  EXPECT_EQ(edited.at("schedule").at("everyMs"), 1'800'000);
  EXPECT_EQ(edited.at("payload"), created.at("payload"));

  // disable hides it from the default list; enable brings it back.
  EXPECT_EQ(cliJson({"cron", "disable", id}).at("enabled"), false);
  EXPECT_TRUE(cliJson({"cron", "list", "--json"}).at("jobs").empty());
  EXPECT_TRUE(contains(cli({"cron", "list"}).out, "No automations."));
  EXPECT_EQ(cliJson({"cron", "list", "--all", "--json"}).at("jobs")[0].at("status"), "disabled");
  EXPECT_EQ(cliJson({"cron", "enable", id}).at("enabled"), true);

  // run --wait: back when the run finished, with its entry.
  const json ran = cliJson({"cron", "run", id, "--wait", "--wait-timeout", "30s"});
  EXPECT_EQ(ran.at("ok"), true);
  EXPECT_EQ(ran.at("completed"), true);
  EXPECT_EQ(ran.at("status"), "ok");
  EXPECT_EQ(ran.at("completionStatus"), "succeeded");
  EXPECT_EQ(ran.at("run").at("jobId"), id);
  const std::string runId = ran.at("runId");

  // runs: the wire's entries plus readable times.
  const json runs = cliJson({"cron", "runs", id});
  ASSERT_EQ(runs.at("entries").size(), 1U);
  json entry = runs.at("entries")[0];
  EXPECT_EQ(entry.at("status"), "ok");
  EXPECT_TRUE(entry.at("tsIso").is_string());
  EXPECT_EQ(cliJson({"cron", "runs", "--id", id, "--run-id", runId}).at("entries").size(), 1U);
  entry.erase("tsIso");
  entry.erase("runAtIso");
  entry.erase("nextRunAtIso");
  EXPECT_EQ(entry, wire("cron.runs", {{"id", id}})["entries"][0]);

  // rm (the `automations delete` spelling): gone, and saying so.
  EXPECT_EQ(cliJson({"automations", "delete", id}), json({{"ok", true}, {"removed", true}}));
  result = cli({"cron", "get", id});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "Automation not found: " + id + ".")) << result.err;
  result = cli({"cron", "get", id, "--json"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(json::parse(result.out).at("error").at("details").at("code"), "CRON_JOB_NOT_FOUND");
}

TEST_F(CliCron, RelativeAtAndAgentJobsReachTheGatewayAsUpstreamsParams) {
  const json job = cliJson({"automations", "add", "0 7 * * *", "Summarize overnight updates.",
                            "--name", "Morning brief", "--tz", "America/Los_Angeles",
                            "--no-deliver", "--timeout-seconds", "120", "--thinking", "low"});
  EXPECT_EQ(job.at("schedule").at("expr"), "0 7 * * *");
  EXPECT_EQ(job.at("schedule").at("tz"), "America/Los_Angeles");
  EXPECT_EQ(job.at("sessionTarget"), "isolated");
  EXPECT_EQ(job.at("payload").at("message"), "Summarize overnight updates.");
  EXPECT_EQ(job.at("payload").at("timeoutSeconds"), 120);
  EXPECT_EQ(job.at("delivery").at("mode"), "none");

  const json reminder = cliJson(
      {"cron", "create", "--name", "Reminder", "--at", "20m", "--system-event", "Check the oven."});
  const std::string at = reminder.at("schedule").at("at");
  const json stored = wire("cron.get", {{"id", reminder.at("id")}});
  const std::int64_t next = stored.at("state").at("nextRunAtMs");
  const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  EXPECT_NEAR(static_cast<double>(next - now), 20 * 60'000.0, 60'000.0) << at;
  EXPECT_TRUE(at.size() == 24 && at.back() == 'Z') << at;
}

TEST_F(CliCron, RefusalsExitNonZeroAndStoreNothing) {
  // The gateway's refusal: 1, its message.
  CommandResult result =
      cli({"cron", "create", "Bad", "--cron", "61 * * * *", "--system-event", "x"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "gateway call failed:")) << result.err;
  EXPECT_TRUE(contains(result.err, "schedule")) << result.err;
  EXPECT_TRUE(contains(result.err, "INVALID_REQUEST")) << result.err;
  result = cli({"cron", "create", "Bad", "--cron", "0 * * * *", "--tz", "Mars/Olympus",
                "--system-event", "x", "--json"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(json::parse(result.out).at("error").at("message"), "Mars/Olympus"))
      << result.out;

  // The command line's own checks: 2, before any call.
  for (const Args& args :
       {Args{"cron", "create", "Bad", "--every", "1h", "--tz", "UTC", "--system-event", "x"},
        Args{"cron", "create", "Bad", "--at", "soon", "--system-event", "x"},
        Args{"cron", "create", "Bad", "--every", "1h", "--message", "x", "--session", "main"},
        Args{"cron", "create", "--every", "1h", "--system-event", "x"},
        Args{"cron", "edit", "some-id"}, Args{"cron", "run", "x", "--poll-interval", "0"},
        Args{"cron", "runs"}, Args{"cron", "runs", "x", "--limit", "500"},
        Args{"cron", "create", "Bad", "--every", "1h", "--system-event", "x", "--frobnicate"}}) {
    result = cli(args);
    EXPECT_EQ(result.exitCode, 2) << ::testing::PrintToString(args) << result.err;
    EXPECT_FALSE(result.err.empty());
  }
  EXPECT_TRUE(wire("cron.list", {{"includeDisabled", true}}).at("jobs").empty());

  // Unknown ids.
  result = cli({"cron", "show", "nope"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "Automation not found: nope.")) << result.err;
  result = cli({"cron", "edit", "nope", "--name", "x"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "Automation not found: nope.")) << result.err;
  result = cli({"cron", "run", "nope"});
  EXPECT_EQ(result.exitCode, 1);
}

TEST_F(CliCron, RunWaitOfAFailingRunExitsOne) {
  // No model is configured: the agent turn fails, and --wait says so.
  const json job =
      cliJson({"cron", "create", "every 1h", "Say hi.", "--name", "Hi", "--no-deliver"});
  const CommandResult result =
      cli({"cron", "run", job.at("id"), "--wait", "--wait-timeout", "60s"});
  EXPECT_EQ(result.exitCode, 1) << result.err;
  const json ran = json::parse(result.out);
  EXPECT_EQ(ran.at("completed"), true);
  EXPECT_EQ(ran.at("status"), "error");
  EXPECT_EQ(ran.at("completionStatus"), "failed");
  EXPECT_TRUE(ran.at("run").at("error").is_string());
}

TEST_F(CliCron, ShowRefusesAnAmbiguousName) {
  for (int i = 0; i < 2; ++i) {
    cliJson({"cron", "create", "Twin", "--every", "1h", "--system-event", "x"});
  }
  const CommandResult result = cli({"cron", "show", "twin"});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "Several automations are named 'twin'")) << result.err;
}

TEST_F(CliCron, SystemHeartbeatLastEnableDisableAndEvent) {
  EXPECT_TRUE(cliJson({"system", "heartbeat", "last"}).is_null());
  EXPECT_EQ(cliJson({"system", "heartbeat", "disable"}), json({{"ok", true}, {"enabled", false}}));
  EXPECT_EQ(cliJson({"system", "heartbeat", "enable", "--json"}),
            json({{"ok", true}, {"enabled", true}}));

  // A wake that starts a heartbeat turn now; its outcome is what `last` shows.
  client::GatewayClient watcher = gateway_.connect();
  CommandResult result = cli({"system", "event", "--text", "deploy finished", "--mode", "now"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(result.out, "ok\n");
  const json event = waitForEvent(
      watcher, [](const json& frame) { return frame.value("event", "") == "heartbeat"; });
  EXPECT_EQ(cliJson({"system", "heartbeat", "last"}), event.at("payload"));

  EXPECT_EQ(cliJson({"system", "event", "--text", "later", "--json"}), json({{"ok", true}}));
  EXPECT_EQ(cli({"system", "event", "--text", "  "}).exitCode, 2);
  EXPECT_EQ(cli({"system", "event", "--text", "x", "--mode", "soon"}).exitCode, 2);
}

TEST(CliCronHelp, TheAliasAndHelpNameEverySubcommandAndFlag) {
  TempHome home;
  CommandResult result = runCli({"automations", "--help"}, home.path());
  EXPECT_EQ(result.exitCode, 0);
  for (const char* word : {"status", "list", "add, create", "get", "show", "edit", "enable",
                           "disable", "run", "runs", "rm, remove, delete"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
  result = runCli({"cron", "create", "--help"}, home.path());
  for (const char* word : {"--at",
                           "--every",
                           "--cron",
                           "--tz",
                           "--stagger",
                           "--exact",
                           "--session",
                           "--system-event",
                           "--message",
                           "--model",
                           "--thinking",
                           "--timeout-seconds",
                           "--wake",
                           "--delete-after-run",
                           "--keep-after-run",
                           "--announce",
                           "--channel",
                           "--to",
                           "--account",
                           "--webhook",
                           "--no-deliver",
                           "--name",
                           "--description",
                           "--agent",
                           "--disabled",
                           "--json"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
  result = runCli({"cron", "run", "--help"}, home.path());
  for (const char* word : {"--wait", "--wait-timeout", "--poll-interval", "--due"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
}

}  // namespace
}  // namespace openclaw::e2e
