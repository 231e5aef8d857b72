// `openclaw gateway status` and `openclaw gateway probe` against the real binary.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "core/files.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// XDG_CONFIG_HOME pinned inside the temp home, so the unit path does not depend on the caller.
std::map<std::string, std::string> envFor(const fs::path& home) {
  return {{"XDG_CONFIG_HOME", (home / ".config").string()}};
}

json parsed(const CommandResult& result) {
  const json out = json::parse(result.out, nullptr, false);
  EXPECT_FALSE(out.is_discarded()) << result.out << result.err;
  return out;
}

// A gateway of the default profile whose config names its port, so status finds it unaided.
struct RunningGateway {
  int port = freePort();
  GatewayProcess gateway{json{{"gateway", {{"port", port}}}}, {}};
  RunningGateway() { gateway.start(); }
  const fs::path& home() const { return gateway.home().path(); }
};

TEST(GatewayStatus, JsonReportsAReachableGatewayAndItsListener) {
  RunningGateway running;
  const auto result =
      runCli({"gateway", "status", "--json"}, running.home(), envFor(running.home()));
  ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
  const json out = parsed(result);
  EXPECT_EQ(out["reachable"], true);
  EXPECT_EQ(out["rpc"]["ok"], true);
  EXPECT_GE(out["rpc"]["latencyMs"].get<int>(), 0);
  EXPECT_EQ(out["rpc"]["version"], OPENCLAW_VERSION);
  EXPECT_TRUE(out["rpc"]["connId"].is_string());
  EXPECT_EQ(out["rpc"]["port"], running.gateway.port());
  EXPECT_EQ(out["port"], running.gateway.port());
  ASSERT_EQ(out["listeners"].size(), 1U) << out.dump(2);
  EXPECT_EQ(out["listeners"][0]["pid"], running.gateway.pid());
  EXPECT_TRUE(contains(out["listeners"][0]["command"], "gateway"));
  EXPECT_EQ(out["target"]["url"], running.gateway.url());
  EXPECT_EQ(out["target"]["source"]["detail"], "gateway.port");
  EXPECT_EQ(out["config"]["path"], (running.home() / ".openclaw/openclaw.json").string());
  EXPECT_EQ(out["service"]["user"]["installed"], false);
  EXPECT_TRUE(out["lastError"].is_null());
}

TEST(GatewayStatus, DownGatewayIsUnreachableWithExitOne) {
  TempHome home;
  const int port = freePort();
  home.write(".openclaw/openclaw.json", json{{"gateway", {{"port", port}}}}.dump());
  auto result = runCli({"gateway", "status", "--json"}, home.path(), envFor(home.path()));
  EXPECT_EQ(result.exitCode, 1);
  const json out = parsed(result);
  EXPECT_EQ(out["reachable"], false);
  EXPECT_EQ(out["rpc"]["connected"], false);
  EXPECT_TRUE(contains(out["rpc"]["error"].get<std::string>(), "Connection refused"))
      << out.dump(2);
  EXPECT_EQ(out["listeners"], json::array());

  result = runCli({"gateway", "status"}, home.path(), envFor(home.path()));
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.out, "RPC probe: FAILED")) << result.out;
  EXPECT_TRUE(contains(result.out,
                       "gateway not reachable at ws://127.0.0.1:" + std::to_string(port) + ": "))
      << result.out;
}

TEST(GatewayStatus, NoProbeSkipsRpcAndExitsZero) {
  TempHome home;
  const auto result = runCli({"--dev", "gateway", "status", "--json", "--no-probe"}, home.path(),
                             envFor(home.path()));
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const json out = parsed(result);
  EXPECT_EQ(out["rpc"], json({{"probed", false}}));
  EXPECT_TRUE(out["reachable"].is_null());
  EXPECT_EQ(out["profile"], "dev");
  EXPECT_EQ(out["target"]["url"], "ws://127.0.0.1:19001");
  EXPECT_EQ(out["target"]["source"]["kind"], "default");
  EXPECT_EQ(out["service"]["user"]["unit"], "openclaw-gateway-dev.service");
}

TEST(GatewayStatus, TextNamesConfigPathAndTargetWithSources) {
  RunningGateway running;
  const auto result = runCli(
      {"gateway", "status", "--url", running.gateway.url(), "--token", GatewayProcess::kToken},
      running.home(), envFor(running.home()));
  ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
  EXPECT_TRUE(contains(
      result.out,
      "Config:    " + (running.home() / ".openclaw/openclaw.json").string() + " (default)"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "Target:    " + running.gateway.url() + " (flag --url)"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "RPC probe: ok in ")) << result.out;
  EXPECT_TRUE(contains(result.out, "PID " + std::to_string(running.gateway.pid()))) << result.out;
}

TEST(GatewayStatus, ListenerThatDoesNotAnswerBringsTheLastLoggedError) {
  TempHome home;
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(fd, 8), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const int port = ntohs(address.sin_port);
  const fs::path log = home.write(
      "gateway.log", R"({"time":"t1","level":"error","subsystem":"gateway","msg":"disk full"})"
                     "\n"
                     R"({"time":"t2","level":"info","subsystem":"gateway","msg":"still here"})"
                     "\n");
  home.write(".openclaw/openclaw.json",
             json{{"gateway", {{"port", port}}}, {"logging", {{"file", log.string()}}}}.dump());

  const auto result =
      runCli({"gateway", "status", "--json", "--timeout", "300"}, home.path(), envFor(home.path()));
  close(fd);
  EXPECT_EQ(result.exitCode, 1);
  const json out = parsed(result);
  EXPECT_EQ(out["reachable"], false);
  ASSERT_EQ(out["listeners"].size(), 1U) << out.dump(2);
  EXPECT_EQ(out["listeners"][0]["pid"], getpid());
  EXPECT_EQ(out["logFile"], log.string());
  EXPECT_EQ(out["lastError"], "t1 [gateway] disk full");
}

TEST(GatewayStatus, ReadsTheUnitStateFromSystemctl) {
  TempHome home;
  const fs::path script = home.write("bin/systemctl",
                                     "#!/bin/sh\n"
                                     "case \"$*\" in *show-environment*) exit 0;; esac\n"
                                     "echo \"$*\" >> \"$0.log\"\n"
                                     "printf 'LoadState=loaded\\nActiveState=active\\n"
                                     "SubState=running\\nMainPID=4242\\n'\n");
  fs::permissions(script, fs::perms::owner_all);
  home.write(".config/systemd/user/openclaw-gateway-rescue.service", "[Unit]\n");
  auto env = envFor(home.path());
  env["PATH"] = script.parent_path().string() + ":/usr/bin:/bin";
  const auto result =
      runCli({"--profile", "rescue", "gateway", "status", "--json", "--no-probe", "--deep"},
             home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const json out = parsed(result);
  const json& user = out["service"]["user"];
  EXPECT_EQ(user["installed"], true);
  EXPECT_EQ(user["unit"], "openclaw-gateway-rescue.service");
  EXPECT_EQ(user["activeState"], "active");
  EXPECT_EQ(user["mainPid"], 4242);
  EXPECT_EQ(user["summary"], "active (running)");
  EXPECT_EQ(out["service"]["system"]["path"],
            "/etc/systemd/system/openclaw-gateway-rescue.service");
  EXPECT_TRUE(contains(core::readFile(script.string() + ".log").value_or(""),
                       "--user show openclaw-gateway-rescue.service -p "
                       "LoadState,ActiveState,SubState,MainPID\n"));
}

// Starts `openclaw <selector> gateway` in `home` (config already written) and waits for it.
std::unique_ptr<CliProcess> startInstance(const std::vector<std::string>& selector,
                                          const fs::path& home) {
  std::vector<std::string> args = selector;
  args.push_back("gateway");
  auto process = std::make_unique<CliProcess>(args, home);
  EXPECT_TRUE(process->waitForOutput("listening on ws://", std::chrono::seconds(20)))
      << process->output();
  return process;
}

void writeInstanceConfig(const TempHome& home, const std::string& dir, int port,
                         const std::string& token) {
  home.write(
      dir + "/openclaw.json",
      json{{"gateway",
            {{"mode", "local"}, {"port", port}, {"auth", {{"mode", "token"}, {"token", token}}}}},
           {"logging", {{"file", (home.path() / (dir + ".log")).string()}}}}
          .dump());
}

const json& rowWithId(const json& rows, const std::string& id) {
  for (const json& row : rows) {
    if (row["id"] == id) return row;
  }
  ADD_FAILURE() << "no row " << id << " in " << rows.dump(2);
  static const json missing = json::object();
  return missing;
}

TEST(GatewayProbe, FindsDevAndNamedProfileSideBySideAndReportsABadToken) {
  TempHome home;
  const int devPort = freePort();
  const int rescuePort = freePort();
  writeInstanceConfig(home, ".openclaw-dev", devPort, "dev-token");
  writeInstanceConfig(home, ".openclaw-rescue", rescuePort, "rescue-token");
  const auto dev = startInstance({"--dev"}, home.path());
  const auto rescue = startInstance({"--profile", "rescue"}, home.path());

  auto result = runCli({"--dev", "gateway", "probe", "--json"}, home.path());
  ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
  json rows = parsed(result);
  const json& current = rowWithId(rows, "current");
  EXPECT_EQ(current["url"], "ws://127.0.0.1:" + std::to_string(devPort));
  EXPECT_EQ(current["reachable"], true);
  EXPECT_EQ(current["auth"], "ok");
  EXPECT_EQ(current["read"], "ok");
  EXPECT_EQ(current["version"], OPENCLAW_VERSION);
  const json& named = rowWithId(rows, "profile:rescue");
  EXPECT_EQ(named["url"], "ws://127.0.0.1:" + std::to_string(rescuePort));
  EXPECT_EQ(named["profile"], "rescue");
  EXPECT_EQ(named["auth"], "ok");
  EXPECT_EQ(named["read"], "ok");
  for (const json& row : rows) {
    EXPECT_NE(row["id"], "profile:dev") << "the dev state dir is the current instance already";
  }

  result = runCli({"--profile", "rescue", "gateway", "probe", "--json", "--timeout", "2000"},
                  home.path(), {{"OPENCLAW_GATEWAY_TOKEN", "wrong-token"}});
  ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
  rows = parsed(result);
  const json& wrong = rowWithId(rows, "current");
  EXPECT_EQ(wrong["reachable"], true);
  EXPECT_EQ(wrong["auth"], "failed");
  EXPECT_EQ(wrong["read"], "not tried");
  EXPECT_EQ(wrong["errorCode"], "AUTH_TOKEN_MISMATCH");
  EXPECT_EQ(rowWithId(rows, "profile:rescue")["auth"], "ok") << "its own config's token works";
  EXPECT_EQ(rowWithId(rows, "profile:dev")["read"], "ok");

  result = runCli({"gateway", "probe"}, home.path());
  EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "TARGET")) << result.out;
  EXPECT_TRUE(contains(result.out, "profile:rescue")) << result.out;
}

TEST(GatewayProbe, ExitsOneWhenNothingAnswers) {
  TempHome home;
  writeInstanceConfig(home, ".openclaw-rescue", freePort(), "t");
  const auto result = runCli({"--profile", "rescue", "gateway", "probe"}, home.path());
  EXPECT_EQ(result.exitCode, 1) << result.out;
  EXPECT_TRUE(contains(result.out, "Connection refused")) << result.out;
}

}  // namespace
}  // namespace openclaw::e2e
