// gateway.tailscale.* against the real binary, with a recording fake `tailscale` on its PATH
// (fake_tailscale.h).
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <csignal>
#include <map>

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
  return {
      {"gateway", {{"auth", {{"mode", "password"}, {"password", kPassword}, {"token", nullptr}}}}}};
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
  EXPECT_TRUE(
      gateway.waitForOutput("serve enabled: https://gateway-host.tail1234.ts.net/ (WS via "
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
  EXPECT_TRUE(
      contains(gateway.output(), "tailscale serve failed: the tailscale CLI is not on PATH"))
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
  EXPECT_TRUE(
      contains(text.out, "Tailnet:   https://gateway-host.tail1234.ts.net/ (tailscale serve)"))
      << text.out << text.err;
  const auto parsed = json::parse(runCli({"gateway", "status", "--json"}, gateway.home().path(),
                                         {{"PATH", tailscale.pathEnv()}})
                                      .out,
                                  nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["tailnet"]["url"], "https://gateway-host.tail1234.ts.net/");
  EXPECT_EQ(parsed["tailnet"]["exposure"], "tailscale serve");
}

// --- gateway.auth.allowTailscale -----------------------------------------------------------

using Headers = std::map<std::string, std::string>;

constexpr const char* kTailnetClient = "100.64.7.8";

// What Tailscale Serve adds to a proxied request of `login` from kTailnetClient.
Headers serveHeaders(const std::string& login) {
  return {{"Tailscale-User-Login", login},
          {"Tailscale-User-Name", "Alice"},
          {"X-Forwarded-For", kTailnetClient},
          {"X-Forwarded-Proto", "https"},
          {"X-Forwarded-Host", "gateway-host.tail1234.ts.net"}};
}

// Opens a WebSocket to the gateway with `headers` on the upgrade (as the local Serve proxy
// would), sends a device-less CLI connect without token or password and returns the response
// frame (null when the gateway closed without one).
json connectWithHeaders(const GatewayProcess& gateway, const Headers& headers) {
  namespace websocket = boost::beast::websocket;
  using boost::asio::ip::tcp;
  boost::asio::io_context io;
  tcp::socket socket(io);
  socket.connect(
      {boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(gateway.port())});
  const timeval limit{20, 0};  // a gateway that never answers fails the test, not hangs it
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  websocket::stream<tcp::socket> ws(std::move(socket));
  ws.set_option(websocket::stream_base::decorator([&headers](websocket::request_type& request) {
    for (const auto& [name, value] : headers) request.set(name, value);
  }));
  ws.handshake("127.0.0.1:" + std::to_string(gateway.port()), "/");
  client::ConnectOptions options = gateway.clientOptions();
  options.token.reset();
  json params = client::GatewayClient(options).buildConnectParams();
  const json request = {{"type", "req"}, {"id", "ts-1"}, {"method", "connect"}, {"params", params}};
  ws.write(boost::asio::buffer(request.dump()));
  boost::beast::flat_buffer buffer;
  boost::system::error_code ec;
  for (ws.read(buffer, ec); !ec; ws.read(buffer, ec)) {
    const json frame = json::parse(boost::beast::buffers_to_string(buffer.data()), nullptr, false);
    buffer.consume(buffer.size());
    if (frame.is_object() && frame.value("type", "") == "res") return frame;
  }
  return nullptr;
}

struct ServeGateway {
  FakeTailscale tailscale;
  GatewayProcess gateway;
  explicit ServeGateway(const json& extra = json::object())
      : gateway(tailscaleConfig({{"mode", "serve"}}, extra), {"--port", "0"},
                {{"PATH", tailscale.pathEnv()}}) {
    tailscale.setWhois(kTailnetClient, "alice@example.com");
    gateway.start();
    EXPECT_TRUE(gateway.waitForOutput("serve enabled:", 20s)) << gateway.output();
  }
  bool whoisRan() const {
    const auto calls = tailscale.calls();
    return std::find(calls.begin(), calls.end(), std::string("whois --json ") + kTailnetClient) !=
           calls.end();
  }
};

TEST(TailscaleIdentity, ServeHeadersConfirmedByWhoisConnectWithoutAToken) {
  ServeGateway serve;
  const json response = connectWithHeaders(serve.gateway, serveHeaders("Alice@Example.com"));
  ASSERT_TRUE(response.is_object()) << serve.gateway.output();
  EXPECT_EQ(response["ok"], true) << response.dump();
  EXPECT_TRUE(serve.whoisRan());
  EXPECT_TRUE(serve.gateway.waitForOutput("client connected", 5s));
  // The same client again: answered from the cache, still one whois run.
  EXPECT_EQ(connectWithHeaders(serve.gateway, serveHeaders("alice@example.com"))["ok"], true);
  const auto calls = serve.tailscale.calls();
  EXPECT_EQ(std::count(calls.begin(), calls.end(), std::string("whois --json ") + kTailnetClient),
            1);
}

TEST(TailscaleIdentity, WhoisNamingAnotherLoginIsRefused) {
  ServeGateway serve;
  const json response = connectWithHeaders(serve.gateway, serveHeaders("mallory@example.com"));
  ASSERT_TRUE(response.is_object()) << serve.gateway.output();
  EXPECT_EQ(response["ok"], false);
  EXPECT_EQ(response["error"]["details"]["code"], "AUTH_TOKEN_MISSING") << response.dump();
  EXPECT_TRUE(serve.whoisRan());
  EXPECT_TRUE(serve.gateway.waitForOutput(
      "tailscale-user-login mallory@example.com from 100.64.7.8 does not match", 5s))
      << serve.gateway.output();
}

TEST(TailscaleIdentity, WhoisFailureIsRefused) {
  ServeGateway serve;
  serve.tailscale.fail("whois", "tailscaled not reachable");
  EXPECT_EQ(connectWithHeaders(serve.gateway, serveHeaders("alice@example.com"))["ok"], false);
  EXPECT_TRUE(serve.gateway.waitForOutput("whois 100.64.7.8 failed", 5s)) << serve.gateway.output();
}

TEST(TailscaleIdentity, IdentityHeadersWithoutForwardedHeadersAreRefusedAndLogged) {
  ServeGateway serve;
  Headers forged = serveHeaders("alice@example.com");
  forged.erase("X-Forwarded-Proto");
  forged.erase("X-Forwarded-Host");
  const json response = connectWithHeaders(serve.gateway, forged);
  EXPECT_EQ(response["ok"], false) << response.dump();
  EXPECT_FALSE(serve.whoisRan());
  EXPECT_TRUE(serve.gateway.waitForOutput("Tailscale identity headers without x-forwarded-for", 5s))
      << serve.gateway.output();
  // The gateway keeps serving everyone else.
  EXPECT_NO_THROW(serve.gateway.connect());
}

TEST(TailscaleIdentity, AllowTailscaleFalseIgnoresTheHeaders) {
  ServeGateway serve(json{{"gateway", {{"auth", {{"allowTailscale", false}}}}}});
  EXPECT_EQ(connectWithHeaders(serve.gateway, serveHeaders("alice@example.com"))["ok"], false);
  EXPECT_FALSE(serve.whoisRan());
}

}  // namespace
}  // namespace openclaw::e2e
