// gateway.tailscale.* against the real binary, with a recording fake `tailscale` on its PATH
// (fake_tailscale.h).
#include <gtest/gtest.h>

#include <csignal>

#include "fake_tailscale.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::FakeTailscale;
using namespace std::chrono_literals;

constexpr const char* kPassword = "e2e-funnel-password-0123";

json tailscaleConfig(const json& tailscale, const json& extra = json::object()) {
  json config = {{"gateway", {{"tailscale", tailscale}}}};
  config.merge_patch(extra);
  return config;
}

json passwordAuth() {
  return {{"gateway", {{"auth", {{"mode", "password"}, {"password", kPassword}, {"token", nullptr}}}}}};
}

// Runs a gateway expected to refuse to run; returns its exit code and leaves its output readable.
int exitCodeOf(GatewayProcess& gateway) {
  gateway.launch();
  const auto code = gateway.waitExit(20s);
  EXPECT_TRUE(code) << gateway.output();
  return code.value_or(-1);
}

TEST(Tailscale, ServeFlagPublishesThePortAndSigtermRemovesTheRoute) {
  FakeTailscale tailscale;
  GatewayProcess gateway(json::object(),
                         {"--port", "0", "--tailscale", "serve", "--tailscale-reset-on-exit"},
                         {{"PATH", tailscale.pathEnv()}});
  gateway.start();
  const std::string port = std::to_string(gateway.port());
  ASSERT_TRUE(tailscale.waitForCall("serve --bg --yes http://127.0.0.1:" + port, 20s))
      << gateway.output();
  EXPECT_EQ(tailscale.calls().front(), "status --json");
  EXPECT_TRUE(gateway.waitForOutput(
      "serve enabled: https://gateway-host.tail1234.ts.net/ (WS via "
      "wss://gateway-host.tail1234.ts.net)",
      10s))
      << gateway.output();
  // The gateway keeps serving its own clients meanwhile.
  EXPECT_NO_THROW(gateway.connect());

  EXPECT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  const auto calls = tailscale.calls();
  EXPECT_EQ(calls.back(), "serve --yes --https=443 --set-path=/ off") << gateway.output();
  EXPECT_TRUE(contains(gateway.output(), "serve route removed (resetOnExit)"));
}

TEST(Tailscale, FunnelWithPasswordAuthPublishesAndStaysAfterExitByDefault) {
  FakeTailscale tailscale;
  GatewayProcess gateway(tailscaleConfig({{"mode", "funnel"}}, passwordAuth()), {"--port", "0"},
                         {{"PATH", tailscale.pathEnv()}});
  gateway.start();
  ASSERT_TRUE(tailscale.waitForCall(
      "funnel --bg --yes http://127.0.0.1:" + std::to_string(gateway.port()), 20s))
      << gateway.output();
  EXPECT_TRUE(gateway.waitForOutput("funnel enabled: https://gateway-host.tail1234.ts.net/", 10s));
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
  for (const std::string& call : tailscale.calls()) EXPECT_FALSE(contains(call, "off")) << call;
}

TEST(Tailscale, FunnelWithoutPasswordAuthIsRefusedBeforeAnyTailscaleCall) {
  FakeTailscale tailscale;
  GatewayProcess gateway(json::object(), {"--port", "0", "--tailscale", "funnel"},
                         {{"PATH", tailscale.pathEnv()}});
  EXPECT_EQ(exitCodeOf(gateway), 1);
  EXPECT_TRUE(contains(gateway.output(), "tailscale funnel requires gateway auth mode=password"))
      << gateway.output();
  EXPECT_TRUE(tailscale.calls().empty());
}

TEST(Tailscale, MissingBinaryStopsTheGatewayWithTheFix) {
  FakeTailscale tailscale;
  std::filesystem::remove(tailscale.binDir() / "tailscale");
  GatewayProcess gateway(tailscaleConfig({{"mode", "serve"}}), {"--port", "0"},
                         {{"PATH", tailscale.binDir().string()}});
  EXPECT_EQ(exitCodeOf(gateway), 1);
  EXPECT_TRUE(contains(gateway.output(), "tailscale serve failed: the tailscale CLI is not on PATH"))
      << gateway.output();
}

TEST(Tailscale, BackendNotRunningStopsTheGateway) {
  FakeTailscale tailscale;
  tailscale.setStatus({{"BackendState", "NeedsLogin"}, {"Self", json::object()}});
  GatewayProcess gateway(tailscaleConfig({{"mode", "serve"}}), {"--port", "0"},
                         {{"PATH", tailscale.pathEnv()}});
  EXPECT_EQ(exitCodeOf(gateway), 1);
  EXPECT_TRUE(contains(gateway.output(),
                       "Tailscale is not running (BackendState NeedsLogin): run `tailscale up`"))
      << gateway.output();
  for (const std::string& call : tailscale.calls()) EXPECT_EQ(call, "status --json");
}

TEST(Tailscale, FailingServeCommandStopsTheGatewayWithItsMessage) {
  FakeTailscale tailscale;
  tailscale.fail("serve", "Serve is not enabled on your tailnet.");
  GatewayProcess gateway(tailscaleConfig({{"mode", "serve"}}), {"--port", "0"},
                         {{"PATH", tailscale.pathEnv()}});
  EXPECT_EQ(exitCodeOf(gateway), 1);
  EXPECT_TRUE(contains(gateway.output(), "Serve is not enabled on your tailnet."))
      << gateway.output();
  EXPECT_TRUE(contains(gateway.output(), "HTTPS certificates enabled")) << gateway.output();
}

TEST(Tailscale, GatewayStatusShowsTheTailnetUrl) {
  FakeTailscale tailscale;
  const int port = freePort();
  GatewayProcess gateway(tailscaleConfig({{"mode", "serve"}}, {{"gateway", {{"port", port}}}}), {},
                         {{"PATH", tailscale.pathEnv()}});
  gateway.start();
  const auto text =
      runCli({"gateway", "status"}, gateway.home().path(), {{"PATH", tailscale.pathEnv()}});
  EXPECT_TRUE(contains(text.out,
                       "Tailnet:   https://gateway-host.tail1234.ts.net/ (tailscale serve)"))
      << text.out << text.err;
  const auto parsed = json::parse(
      runCli({"gateway", "status", "--json"}, gateway.home().path(), {{"PATH", tailscale.pathEnv()}})
          .out,
      nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["tailnet"]["url"], "https://gateway-host.tail1234.ts.net/");
  EXPECT_EQ(parsed["tailnet"]["exposure"], "tailscale serve");
}

}  // namespace
}  // namespace openclaw::e2e
