// The `openclaw` command line as a user meets it: version, help, the dev instance, RPC helpers.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST(Cli, VersionPrintsTheBuildVersion) {
  TempHome home;
  const auto result = runCli({"--version"}, home.path());
  EXPECT_EQ(result.exitCode, 0);
  // "openclaw 2026.9.6 (commit 1a2b3c4, Debug)", or "commit unknown" outside a git checkout.
  EXPECT_TRUE(std::regex_match(result.out,
                               std::regex(std::string("openclaw ") + OPENCLAW_VERSION +
                                          R"( \(commit ([0-9a-f]{7,}|unknown), [A-Za-z]+\)\n)")))
      << result.out;
}

TEST(Cli, HelpDescribesEveryCommandAndFlag) {
  TempHome home;
  auto result = runCli({"--help"}, home.path());
  EXPECT_EQ(result.exitCode, 0);
  for (const char* word : {"gateway", "health", "status", "--dev", "--profile"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
  result = runCli({"gateway", "--help"}, home.path());
  EXPECT_EQ(result.exitCode, 0);
  for (const char* word :
       {"--port", "--bind", "--auth", "--token", "--password", "--password-file", "--verbose",
        "--allow-unconfigured", "--dev", "run", "call", "health", "protocol-schema"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
  result = runCli({"gateway", "call", "--help"}, home.path());
  for (const char* word : {"--params", "--url", "--token", "--password", "--timeout", "--json"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
}

TEST(Cli, UnknownFlagsAreUsageErrors) {
  TempHome home;
  const auto result = runCli({"gateway", "--frobnicate"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "frobnicate")) << result.err;
}

TEST(Cli, UnknownCommandsAreNamedWithTheNearestOne) {
  TempHome home;
  auto result = runCli({"helth"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(contains(result.err, "unknown command 'helth'. Did you mean 'openclaw health'?"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "'openclaw --help'")) << result.err;

  result = runCli({"--dev", "frobnicate"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "unknown command 'frobnicate'.")) << result.err;
  EXPECT_FALSE(contains(result.err, "Did you mean")) << result.err;

  // A subcommand of a group: the group's own subcommands are the candidates.
  result = runCli({"gateway", "--port", "0", "helth"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err,
                       "unknown command 'gateway helth'. Did you mean 'openclaw "
                       "gateway health'?"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "'openclaw gateway --help'")) << result.err;
  result = runCli({"devices", "lst"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "Did you mean 'openclaw devices list'?")) << result.err;

  // Extra words after a command that takes none stay CLI11's usage error.
  result = runCli({"health", "now"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_FALSE(contains(result.err, "unknown command")) << result.err;
}

TEST(Cli, ProtocolSchemaIsPrintableJson) {
  TempHome home;
  const auto result = runCli({"gateway", "protocol-schema"}, home.path());
  EXPECT_EQ(result.exitCode, 0);
  const json schema = json::parse(result.out);
  EXPECT_TRUE(schema.at("definitions").contains("ConnectParams"));
  EXPECT_TRUE(schema.at("definitions").contains("SystemEventParams"));
}

TEST(Cli, DevInstanceBootstrapsItselfAndAnswersHealth) {
  const std::string port = std::to_string(freePort());
  GatewayProcess gateway(nullptr, {"--dev"}, {{"OPENCLAW_GATEWAY_PORT", port}});
  gateway.start();
  EXPECT_EQ(std::to_string(gateway.port()), port);
  EXPECT_TRUE(contains(gateway.output(), "created dev config"));

  std::ifstream file(gateway.home().path() / ".openclaw-dev" / "openclaw.json");
  const json config = json::parse(file);
  EXPECT_EQ(config.at("gateway").at("mode"), "local");
  EXPECT_EQ(config.at("gateway").at("auth").at("mode"), "token");
  EXPECT_GE(config.at("gateway").at("auth").at("token").get<std::string>().size(), 24u);

  const std::map<std::string, std::string> env = {{"OPENCLAW_GATEWAY_PORT", port}};
  auto result = runCli({"--dev", "health"}, gateway.home().path(), env);
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Gateway health: OK")) << result.out;

  result = runCli({"--dev", "status", "--json"}, gateway.home().path(), env);
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(json::parse(result.out).at("gateway").at("port"), gateway.port());

  result = runCli({"--dev", "gateway", "health"}, gateway.home().path(), env);
  EXPECT_EQ(result.exitCode, 0) << result.err;

  // The default instance is a different one: nothing listens for it.
  result = runCli({"health"}, gateway.home().path(),
                  {{"OPENCLAW_GATEWAY_PORT", std::to_string(freePort())}});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "cannot connect")) << result.err;
}

TEST(Cli, SetupCreatesAConfigTheGatewayStartsWith) {
  TempHome home;
  auto result = runCli({"--profile", "work", "setup"}, home.path());
  EXPECT_EQ(result.exitCode, 0) << result.err;
  const auto configPath = home.path() / ".openclaw-work" / "openclaw.json";
  EXPECT_TRUE(contains(result.out, "created " + configPath.string())) << result.out;
  std::ifstream file(configPath);
  const json config = json::parse(file);
  EXPECT_EQ(config.at("gateway").at("mode"), "local");
  EXPECT_EQ(config.at("gateway").at("port"), 18789);
  EXPECT_TRUE(std::filesystem::is_directory(home.path() / ".openclaw-work" / "workspace"));

  result = runCli({"--profile", "work", "setup"}, home.path());
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_TRUE(contains(result.out, "already exists")) << result.out;

  home.write(".openclaw/openclaw.json", "{ gateway: { port: 1234 } }");
  result = runCli({"setup"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "does not set gateway.mode")) << result.err;
}

TEST(Cli, CallPrintsPayloadsAndErrors) {
  GatewayProcess gateway;
  gateway.start();
  const std::vector<std::string> target = {"--url", gateway.url(), "--token",
                                           GatewayProcess::kToken};
  const auto call = [&](std::vector<std::string> args) {
    args.insert(args.end(), target.begin(), target.end());
    return runCli(args, gateway.home().path());
  };
  auto result = call({"gateway", "call", "system-presence", "--json"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(json::parse(result.out).is_array());

  result = call({"gateway", "call", "system-event", "--params", R"({"text":"from cli"})"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(json::parse(result.out), json({{"ok", true}}));

  result = call({"gateway", "call", "no.such", "--json"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(json::parse(result.out).at("error").at("code"), "INVALID_REQUEST");

  result = call({"gateway", "call", "health", "--params", "[1"});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "--params must be a JSON object")) << result.err;

  result =
      runCli({"gateway", "call", "health", "--url", gateway.url(), "--token", "wrong", "--json"},
             gateway.home().path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(json::parse(result.out).at("error").at("details").at("code"), "AUTH_TOKEN_MISMATCH");
}

TEST(Cli, UnreachableGatewayFailsFastWithAClearMessage) {
  TempHome home;
  const auto result = runCli(
      {"health", "--url", "ws://127.0.0.1:" + std::to_string(freePort()), "--timeout", "2000"},
      home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "cannot connect")) << result.err;
}

TEST(Cli, UnreachableGatewayNamesAnotherInstanceThatRuns) {
  // A dev instance on its own port, as scripts/quickstart.sh leaves one (there on 19001).
  TempHome home;
  const int devPort = freePort();
  home.write(".openclaw-dev/openclaw.json",
             json{{"gateway",
                   {{"mode", "local"},
                    {"port", devPort},
                    {"auth", {{"mode", "token"}, {"token", GatewayProcess::kToken}}}}},
                  {"logging", {{"file", (home.path() / "dev.log").string()}}}}
                 .dump());
  GatewayProcess dev(nullptr, {"--dev"}, {{"HOME", home.path().string()}});
  dev.start();
  ASSERT_EQ(dev.port(), devPort);

  // The default instance (no config; its port free) is not running.
  const std::map<std::string, std::string> env = {
      {"OPENCLAW_GATEWAY_PORT", std::to_string(freePort())}};
  auto result = runCli({"health"}, home.path(), env);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "cannot connect")) << result.err;
  EXPECT_TRUE(contains(result.err, "a gateway is running for --dev on ws://127.0.0.1:" +
                                       std::to_string(devPort) + ": try 'openclaw --dev health'"))
      << result.err;

  result = runCli({"gateway", "health"}, home.path(), env);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "try 'openclaw --dev gateway health'")) << result.err;

  // A URL given on the command line is what the user meant: no other instance is suggested.
  result = runCli({"health", "--url", "ws://127.0.0.1:" + std::to_string(freePort())}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_FALSE(contains(result.err, "a gateway is running")) << result.err;
}

}  // namespace
}  // namespace openclaw::e2e
