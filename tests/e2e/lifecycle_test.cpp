// Start-up refusals, the state-dir lock, port conflicts, logs and graceful shutdown.
#include <gtest/gtest.h>

#include <fstream>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST(Lifecycle, SigtermBroadcastsShutdownClosesSocketsAndExitsZero) {
  GatewayProcess gateway;
  gateway.start();
  auto first = gateway.connect();
  auto second = gateway.connect();
  kill(gateway.pid(), SIGTERM);
  for (auto* client : {&first, &second}) {
    const json event = client->waitEvent("shutdown", 5s);
    EXPECT_FALSE(event.at("payload").at("reason").get<std::string>().empty());
    EXPECT_FALSE(event.at("payload").contains("restartExpectedMs"));
    EXPECT_EQ(client->waitClosed(5s).code, 1001);
  }
  EXPECT_EQ(gateway.waitExit(10s), 0);
  EXPECT_TRUE(contains(gateway.output(), "received SIGTERM"));
}

TEST(Lifecycle, SigintAlsoStopsCleanly) {
  GatewayProcess gateway;
  gateway.start();
  EXPECT_EQ(gateway.stop(SIGINT), 0);
}

TEST(Lifecycle, StartupLinesNameUrlPidAndLogFile) {
  GatewayProcess gateway;
  gateway.start();
  ASSERT_TRUE(gateway.waitForOutput("log file:", 5s));
  const std::string output = gateway.output();
  EXPECT_TRUE(contains(output, "listening on ws://127.0.0.1:" + std::to_string(gateway.port()) +
                                   " (PID " + std::to_string(gateway.pid()) + ")"));
  EXPECT_TRUE(contains(output, "log file: " + gateway.logFile().string()));
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
  // The file log is JSON lines.
  std::ifstream log(gateway.logFile());
  std::string line;
  int lines = 0;
  while (std::getline(log, line)) {
    const json record = json::parse(line);
    EXPECT_TRUE(record.contains("time") && record.contains("level") && record.contains("msg"));
    ++lines;
  }
  EXPECT_GE(lines, 3);
}

// Status code and body of `GET <path>` via curl.
std::pair<std::string, std::string> httpGet(int port, const std::string& path) {
  TempHome scratch;
  const std::string bodyFile = (scratch.path() / "body").string();
  const std::string command = "curl -s -o " + bodyFile +
                              " -w '%{http_code}' http://127.0.0.1:" + std::to_string(port) + path;
  FILE* pipe = popen(command.c_str(), "r");
  char code[8] = {};
  const std::size_t n = fread(code, 1, sizeof(code) - 1, pipe);
  pclose(pipe);
  std::ifstream body(bodyFile);
  return {std::string(code, n), std::string(std::istreambuf_iterator<char>(body), {})};
}

TEST(Lifecycle, HttpProbesShareThePortWithTheWebSocket) {
  GatewayProcess gateway;
  gateway.start();
  using Response = std::pair<std::string, std::string>;
  EXPECT_EQ(httpGet(gateway.port(), "/healthz"), Response("200", R"({"ok":true,"status":"live"})"));
  EXPECT_EQ(httpGet(gateway.port(), "/health").first, "200");
  EXPECT_EQ(httpGet(gateway.port(), "/readyz"), Response("200", R"({"ready":true})"));
  EXPECT_EQ(httpGet(gateway.port(), "/startupz"),
            Response("200", R"({"ok":true,"status":"started"})"));
  // A missing file (a page path would get the Control UI, or the page saying how to install it).
  EXPECT_EQ(httpGet(gateway.port(), "/nope.json").first, "404");
  auto client = gateway.connect();  // and the same port speaks WebSocket
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST(Lifecycle, SecondGatewayOnTheSameStateDirIsRefused) {
  GatewayProcess first;
  first.start();
  const auto second = runCli({"gateway", "--port", "0"}, first.home().path());
  EXPECT_EQ(second.exitCode, 1);
  EXPECT_TRUE(contains(second.out + second.err, "already owns the state directory"))
      << second.out << second.err;
  EXPECT_TRUE(contains(second.out + second.err, std::to_string(first.pid())));
}

TEST(Lifecycle, PortInUseNamesThePortAndTheRemedies) {
  GatewayProcess first;
  first.start();
  TempHome other;
  other.write(".openclaw/openclaw.json", R"({gateway: {mode: "local"}})");
  const auto second = runCli({"gateway", "--port", std::to_string(first.port())}, other.path());
  EXPECT_EQ(second.exitCode, 1);
  const std::string output = second.out + second.err;
  EXPECT_TRUE(contains(output, "port " + std::to_string(first.port()))) << output;
  EXPECT_TRUE(contains(output, "--force")) << output;
  EXPECT_TRUE(contains(output, "--port")) << output;
}

TEST(Lifecycle, RefusesToStartWithoutLocalMode) {
  TempHome home;
  auto result = runCli({"gateway", "--port", "0"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "--allow-unconfigured")) << result.err;
  EXPECT_TRUE(contains(result.err, "does not exist")) << result.err;

  home.write(".openclaw/openclaw.json", R"({gateway: {mode: "remote"}})");
  result = runCli({"gateway", "--port", "0"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "gateway.mode to \"remote\"")) << result.err;
}

TEST(Lifecycle, ConfigErrorsNameFileLineAndColumn) {
  TempHome home;
  home.write(".openclaw/openclaw.json",
             "{\n  gateway: {\n    mode: 'local',\n    port: 'x',\n  },\n}\n");
  auto result = runCli({"gateway"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  const std::string file = (home.path() / ".openclaw" / "openclaw.json").string();
  EXPECT_TRUE(contains(result.err, file + ":4:11: gateway.port: must be an integer")) << result.err;

  home.write(".openclaw/openclaw.json", "{\n  gateway: { mode: 'local' }\n  oops\n}\n");
  result = runCli({"gateway"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, file + ":3:3:")) << result.err;
}

TEST(Lifecycle, NonLoopbackBindWithoutAuthIsRefused) {
  TempHome home;
  home.write(".openclaw/openclaw.json", R"({gateway: {mode: "local", auth: {mode: "none"}}})");
  const auto result = runCli({"gateway", "--bind", "lan", "--port", "0"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "without auth")) << result.err;
  EXPECT_TRUE(contains(result.err, "--token")) << result.err;
}

TEST(Lifecycle, PortPrecedenceIsFlagThenEnvironmentThenConfig) {
  const int configPort = freePort();
  const int envPort = freePort();
  {
    GatewayProcess gateway(json{{"gateway", {{"port", configPort}}}}, {});
    gateway.start();
    EXPECT_EQ(gateway.port(), configPort);
  }
  {
    GatewayProcess gateway(json{{"gateway", {{"port", configPort}}}}, {},
                           {{"OPENCLAW_GATEWAY_PORT", std::to_string(envPort)}});
    gateway.start();
    EXPECT_EQ(gateway.port(), envPort);
    // CLI helpers resolve the same port and token from env and config.
    const auto result = runCli({"gateway", "call", "health", "--json"}, gateway.home().path(),
                               {{"OPENCLAW_GATEWAY_PORT", std::to_string(envPort)}});
    EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
  }
  GatewayProcess gateway(json{{"gateway", {{"port", configPort}}}}, {"--port", "0"},
                         {{"OPENCLAW_GATEWAY_PORT", std::to_string(envPort)}});
  gateway.start();
  EXPECT_NE(gateway.port(), envPort);
  EXPECT_NE(gateway.port(), configPort);
}

TEST(Lifecycle, ForceEndsTheListenerOnThePortAndTakesIt) {
  GatewayProcess first;
  first.start();
  const std::string port = std::to_string(first.port());
  GatewayProcess second(json::object(), {"--port", port, "--force"});
  second.start();
  EXPECT_EQ(std::to_string(second.port()), port);
  EXPECT_TRUE(
      contains(second.output(), "--force: sending SIGTERM to pid " + std::to_string(first.pid())))
      << second.output();
  // The first gateway got SIGTERM: a graceful exit.
  EXPECT_EQ(first.waitExit(10s), 0);
  auto client = second.connect();
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST(Lifecycle, ForceOnAFreePortJustStarts) {
  const std::string port = std::to_string(freePort());
  GatewayProcess gateway(json::object(), {"--port", port, "--force"});
  gateway.start();
  EXPECT_TRUE(contains(gateway.output(), "nothing is listening on port " + port));
}

}  // namespace
}  // namespace openclaw::e2e
