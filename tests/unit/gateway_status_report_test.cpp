// The pure parts of `gateway status` and `gateway probe`: parsing, report shape, exit codes.
#include <gtest/gtest.h>

#include "config/local_instances.h"
#include "config/target_source.h"
#include "env_lookup.h"
#include "service/probe_report.h"
#include "service/status_report.h"
#include "temp_dir.h"

namespace openclaw::service {
namespace {

using nlohmann::json;

client::ProbeResult answered() {
  client::ProbeResult probe;
  probe.reachable = probe.authOk = probe.rpcOk = true;
  probe.latencyMs = 7;
  probe.hello = {{"server", {{"version", "1.2.3"}, {"connId", "c-1"}}}};
  probe.payload = {{"gateway", {{"port", 19001}}}};
  return probe;
}

client::ProbeResult refused() {
  client::ProbeResult probe;
  probe.error = "Connection refused";
  return probe;
}

StatusReport baseReport() {
  StatusReport report;
  report.profile = "dev";
  report.configPath = "/home/a/.openclaw-dev/openclaw.json";
  report.configSource = {"default", ""};
  report.targetUrl = "ws://127.0.0.1:19001";
  report.targetSource = {"config", "gateway.port"};
  report.userUnit.scope = "user";
  report.userUnit.unit = "openclaw-gateway-dev.service";
  report.userUnit.path = "/home/a/.config/systemd/user/openclaw-gateway-dev.service";
  report.userUnit.managerProblem = "no user manager";
  report.port = 19001;
  report.logFile = "/tmp/openclaw/openclaw-dev-2026-01-01.log";
  return report;
}

TEST(SystemctlShow, ParsesStatesAndMainPid) {
  const UnitRuntime runtime =
      parseSystemctlShow("LoadState=loaded\nActiveState=active\nSubState=running\nMainPID=42\n");
  EXPECT_EQ(runtime.loadState, "loaded");
  EXPECT_EQ(runtime.activeState, "active");
  EXPECT_EQ(runtime.subState, "running");
  EXPECT_EQ(runtime.mainPid, 42);
  EXPECT_FALSE(parseSystemctlShow("MainPID=0\n").mainPid);
  EXPECT_FALSE(parseSystemctlShow("MainPID=x\nnoise\n").mainPid);
}

TEST(SystemctlShow, DescribesUnits) {
  UnitStatus unit;
  unit.scope = "user";
  unit.managerProblem = "none";
  EXPECT_EQ(describeUnit(unit), "unknown (no systemd user manager)");
  unit.managerProblem.reset();
  unit.runtime = parseSystemctlShow("LoadState=not-found\nActiveState=inactive\nSubState=dead\n");
  EXPECT_EQ(describeUnit(unit), "not loaded");
  unit.runtime = parseSystemctlShow("LoadState=loaded\nActiveState=failed\nSubState=failed\n");
  EXPECT_EQ(describeUnit(unit), "failed (failed)");
}

TEST(StatusReport, LastErrorIsTheNewestErrorRecord) {
  const std::vector<std::string> lines = {
      R"({"time":"t1","level":"error","subsystem":"ws","msg":"old"})",
      R"({"time":"t2","level":"error","subsystem":"gateway","msg":"bind failed"})",
      R"({"time":"t3","level":"info","subsystem":"gateway","msg":"later"})", "not json"};
  EXPECT_EQ(lastErrorRecord(lines), "t2 [gateway] bind failed");
  EXPECT_FALSE(lastErrorRecord({R"({"level":"warn","msg":"x"})"}));
}

TEST(StatusReport, WantsTheLogOnlyWhenUpButUnreachable) {
  StatusReport report = baseReport();
  report.probe = refused();
  EXPECT_FALSE(wantsLastError(report)) << "nothing runs: the log says nothing about now";
  report.listeners = {{123, "openclaw gateway"}};
  EXPECT_TRUE(wantsLastError(report));
  report.probe = answered();
  EXPECT_FALSE(wantsLastError(report));
  report.listeners.clear();
  report.probe = refused();
  report.userUnit.managerProblem.reset();
  report.userUnit.runtime = parseSystemctlShow("ActiveState=active\n");
  EXPECT_TRUE(wantsLastError(report));
}

TEST(StatusReport, JsonHasEveryFieldForAReachableGateway) {
  StatusReport report = baseReport();
  report.listeners = {{123, "openclaw --dev gateway"}};
  report.probe = answered();
  const json out = statusReportJson(report);
  EXPECT_EQ(out["reachable"], true);
  EXPECT_EQ(out["profile"], "dev");
  EXPECT_EQ(out["config"]["path"], "/home/a/.openclaw-dev/openclaw.json");
  EXPECT_EQ(out["target"]["source"], json({{"kind", "config"}, {"detail", "gateway.port"}}));
  EXPECT_EQ(out["rpc"]["latencyMs"], 7);
  EXPECT_EQ(out["rpc"]["version"], "1.2.3");
  EXPECT_EQ(out["rpc"]["connId"], "c-1");
  EXPECT_EQ(out["rpc"]["port"], 19001);
  EXPECT_EQ(out["listeners"], json::parse(R"([{"pid":123,"command":"openclaw --dev gateway"}])"));
  EXPECT_EQ(out["service"]["user"]["summary"], "unknown (no systemd user manager)");
  EXPECT_TRUE(out["service"]["system"].is_null());
  EXPECT_TRUE(out["lastError"].is_null());
  EXPECT_EQ(statusExitCode(report), 0);
}

TEST(StatusReport, UnreachableAndSkippedProbes) {
  StatusReport report = baseReport();
  report.probe = refused();
  EXPECT_EQ(statusReportJson(report)["reachable"], false);
  EXPECT_EQ(statusReportJson(report)["rpc"]["error"], "Connection refused");
  EXPECT_EQ(statusExitCode(report), 1);
  const std::string text = renderStatusText(report);
  EXPECT_NE(text.find("gateway not reachable at ws://127.0.0.1:19001: Connection refused"),
            std::string::npos)
      << text;
  report.probe.reset();
  EXPECT_TRUE(statusReportJson(report)["reachable"].is_null());
  EXPECT_EQ(statusReportJson(report)["rpc"], json({{"probed", false}}));
  EXPECT_EQ(statusExitCode(report), 0);
}

TEST(StatusReport, TextNamesConfigTargetAndTheirSources) {
  StatusReport report = baseReport();
  report.probe = answered();
  report.lastError = "t [gateway] boom";
  const std::string text = renderStatusText(report);
  for (const std::string expected :
       {"/home/a/.openclaw-dev/openclaw.json (default)",
        "ws://127.0.0.1:19001 (config gateway.port)", "RPC probe: ok in 7 ms (gateway 1.2.3",
        "nothing listens on port 19001", "Last error in the log: t [gateway] boom"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(TargetSource, FollowsResolveClientTargetPrecedence) {
  config::ConfigFile file;
  file.root = json::parse(R"({"gateway":{"mode":"remote","port":1,"remote":{"url":"ws://x"}}})");
  EXPECT_EQ(
      config::clientTargetSource(file, {"ws://y", {}, {}, {}}, testsupport::environmentOf({})).kind,
      "flag");
  EXPECT_EQ(config::clientTargetSource(
                file, {}, testsupport::environmentOf({{"OPENCLAW_GATEWAY_URL", "ws://z"}}))
                .detail,
            "OPENCLAW_GATEWAY_URL");
  EXPECT_EQ(config::clientTargetSource(file, {}, testsupport::environmentOf({})).detail,
            "gateway.remote.url");
  file.root["gateway"]["mode"] = "local";
  EXPECT_EQ(config::clientTargetSource(file, {},
                                       testsupport::environmentOf({{"OPENCLAW_GATEWAY_PORT", "2"}}))
                .detail,
            "OPENCLAW_GATEWAY_PORT");
  EXPECT_EQ(config::clientTargetSource(file, {}, testsupport::environmentOf({})).detail,
            "gateway.port");
  file.root = json::object();
  EXPECT_EQ(config::clientTargetSource(file, {}, testsupport::environmentOf({})).kind, "default");
  EXPECT_EQ(
      config::configPathSource(testsupport::environmentOf({{"OPENCLAW_STATE_DIR", "/s"}})).detail,
      "OPENCLAW_STATE_DIR");
  EXPECT_EQ(config::configPathSource(testsupport::environmentOf({})).kind, "default");
}

TEST(LocalInstances, FindsProfileStateDirsSorted) {
  testsupport::TempDir home;
  for (const char* dir : {".openclaw-rescue", ".openclaw", ".openclaw-dev", ".openclaw-b@d",
                          ".openclawish", "other"}) {
    std::filesystem::create_directories(home.path() / dir);
  }
  home.write(".openclaw-file", "not a directory");
  const auto instances = config::findLocalInstances(home.path());
  ASSERT_EQ(instances.size(), 3U);
  EXPECT_EQ(instances[0].profile.name, "");
  EXPECT_TRUE(instances[1].profile.dev);
  EXPECT_EQ(instances[2].profile.name, "rescue");
  EXPECT_EQ(instances[2].configPath, home.path() / ".openclaw-rescue/openclaw.json");
}

TEST(ProbeReport, VerdictsTableJsonAndExitCode) {
  client::ProbeResult badToken;
  badToken.reachable = true;
  badToken.error = "gateway token mismatch";
  badToken.errorCode = "AUTH_TOKEN_MISMATCH";
  const std::vector<ProbeRow> rows = {
      {"current", "dev", "current instance", "ws://127.0.0.1:19001", answered()},
      {"profile:rescue", "rescue", "state dir /h/.openclaw-rescue", "ws://127.0.0.1:1", badToken},
      {"profile:default", "default", "state dir /h/.openclaw", "ws://127.0.0.1:2", refused()}};
  const json out = probeRowsJson(rows);
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0]["auth"], "ok");
  EXPECT_EQ(out[0]["read"], "ok");
  EXPECT_EQ(out[0]["version"], "1.2.3");
  EXPECT_EQ(out[1]["auth"], "failed");
  EXPECT_EQ(out[1]["read"], "not tried");
  EXPECT_EQ(out[1]["errorCode"], "AUTH_TOKEN_MISMATCH");
  EXPECT_EQ(out[2]["reachable"], false);
  EXPECT_EQ(out[2]["auth"], "not tried");
  const std::string table = renderProbeTable(rows);
  EXPECT_EQ(table.substr(0, table.find('\n')),
            "TARGET           URL                   REACHABLE  AUTH       READ       LATENCY  "
            "DETAIL");
  EXPECT_NE(table.find("AUTH_TOKEN_MISMATCH: gateway token mismatch"), std::string::npos);
  EXPECT_EQ(probeExitCode(rows), 0);
  EXPECT_EQ(probeExitCode({rows[2]}), 1);
}

}  // namespace
}  // namespace openclaw::service
