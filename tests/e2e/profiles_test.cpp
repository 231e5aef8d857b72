// Isolated instances: --dev, --profile NAME, --dev --reset, and two gateways side by side.
#include <gtest/gtest.h>

#include <fstream>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json readJson(const std::filesystem::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

TEST(Profiles, ResetWithoutDevIsRefused) {
  TempHome home;
  const auto result = runCli({"gateway", "--reset"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, "Use --reset with --dev.\n");
}

TEST(Profiles, DevResetWipesConfigCredentialsSessionsAndWorkspace) {
  TempHome home;
  ASSERT_EQ(runCli({"--dev", "setup"}, home.path()).exitCode, 0);
  const auto dev = home.path() / ".openclaw-dev";
  const std::string oldToken = readJson(dev / "openclaw.json").at("gateway").at("auth").at("token");
  home.write(".openclaw-dev/workspace/notes.md", "old");
  home.write(".openclaw-dev/credentials/telegram.json", "{}");
  home.write(".openclaw-dev/agents/main/session.jsonl", "{}");
  home.write(".openclaw/openclaw.json", "{gateway: {mode: 'local'}}");  // another instance

  const std::string port = std::to_string(freePort());
  GatewayProcess gateway(nullptr, {"--dev", "--reset"},
                         {{"HOME", home.path().string()}, {"OPENCLAW_GATEWAY_PORT", port}});
  gateway.start();
  EXPECT_TRUE(contains(gateway.output(), "reset: removed " + (dev / "workspace").string()));
  EXPECT_FALSE(std::filesystem::exists(dev / "workspace" / "notes.md"));
  EXPECT_FALSE(std::filesystem::exists(dev / "credentials"));
  EXPECT_FALSE(std::filesystem::exists(dev / "agents"));
  EXPECT_NE(readJson(dev / "openclaw.json").at("gateway").at("auth").at("token"), oldToken);
  EXPECT_TRUE(std::filesystem::exists(home.path() / ".openclaw" / "openclaw.json"));

  // While it runs, a second reset is refused: the state dir is in use.
  const auto again = runCli({"--dev", "gateway", "--reset"}, home.path());
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_TRUE(contains(again.err, "already owns the state directory")) << again.err;
}

TEST(Profiles, AnUnconfiguredInstanceNamesItsOwnSetupCommand) {
  TempHome home;
  const std::string port = std::to_string(freePort());
  auto result = runCli({"--profile", "rescue", "gateway", "--port", port}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "Run 'openclaw --profile rescue setup'")) << result.err;

  result = runCli({"gateway", "--port", port}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "Run 'openclaw setup'")) << result.err;

  home.write(".openclaw-dev/openclaw.json", "{gateway: {mode: 'remote'}}");
  result = runCli({"--dev", "gateway", "--port", port}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "Run 'openclaw --dev setup'")) << result.err;

  // The README's two lines for a second instance, as written.
  ASSERT_EQ(runCli({"--profile", "rescue", "setup"}, home.path()).exitCode, 0);
  GatewayProcess rescue(nullptr, {"--profile", "rescue", "--port", port},
                        {{"HOME", home.path().string()}});
  rescue.start();
  EXPECT_EQ(std::to_string(rescue.port()), port);
}

TEST(Profiles, TwoProfilesRunSideBySide) {
  TempHome home;
  ASSERT_EQ(runCli({"--profile", "main", "setup"}, home.path()).exitCode, 0);
  ASSERT_EQ(runCli({"--profile", "rescue", "setup"}, home.path()).exitCode, 0);
  const std::string mainPort = std::to_string(freePort());
  const std::string rescuePort = std::to_string(freePort());
  const std::map<std::string, std::string> env = {{"HOME", home.path().string()}};
  GatewayProcess main(nullptr, {"--profile", "main", "--port", mainPort}, env);
  GatewayProcess rescue(nullptr, {"--profile", "rescue", "--port", rescuePort}, env);
  main.start();
  rescue.start();

  for (const auto& [profile, port] :
       {std::pair{std::string("main"), mainPort}, std::pair{std::string("rescue"), rescuePort}}) {
    const auto result = runCli({"--profile", profile, "status", "--json"}, home.path(),
                               {{"OPENCLAW_GATEWAY_PORT", port}});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const json status = json::parse(result.out).at("gateway");
    EXPECT_EQ(std::to_string(status.at("port").get<int>()), port);
    EXPECT_EQ(status.at("derivedPorts").at("browserControl"), std::stoi(port) + 2);
    EXPECT_EQ(status.at("derivedPorts").at("canvasHost"), std::stoi(port) + 4);
  }
  // Each profile's token only opens its own gateway.
  const auto crossed =
      runCli({"--profile", "main", "health"}, home.path(), {{"OPENCLAW_GATEWAY_PORT", rescuePort}});
  EXPECT_EQ(crossed.exitCode, 1);
  EXPECT_TRUE(contains(crossed.err, "AUTH_TOKEN_MISMATCH") ||
              contains(crossed.err, "token mismatch"))
      << crossed.err;
}

}  // namespace
}  // namespace openclaw::e2e
