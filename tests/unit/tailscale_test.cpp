// The Tailscale pieces without a process: settings and refusals, the `tailscale` CLI's JSON,
// and which upgrade header sets claim a Serve identity.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <map>
#include <string>

#include "config/tailscale_settings.h"
#include "daemon/tailscale_exposure.h"
#include "net/tailscale_cli.h"
#include "server/tailscale_identity.h"

namespace openclaw {
namespace {

using nlohmann::json;

config::ConfigFile configOf(json root) {
  config::ConfigFile file;
  file.path = "/test/openclaw.json";
  file.exists = true;
  file.root = std::move(root);
  return file;
}

config::TailscaleSettings resolve(const json& gateway, const config::TailscaleFlags& flags = {},
                                  const std::string& authMode = "token",
                                  std::vector<std::string> hosts = {"127.0.0.1"}) {
  return config::resolveTailscaleSettings(configOf({{"gateway", gateway}}), flags, authMode, hosts);
}

std::string refusal(const json& gateway, const config::TailscaleFlags& flags,
                    const std::string& authMode, std::vector<std::string> hosts = {"127.0.0.1"}) {
  try {
    resolve(gateway, flags, authMode, std::move(hosts));
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

TEST(TailscaleSettings, DefaultsAreOffAndAllowTailscaleFollowsServeAsUpstream) {
  const auto off = resolve(json::object());
  EXPECT_EQ(off.mode, config::TailscaleMode::Off);
  EXPECT_FALSE(off.resetOnExit);
  EXPECT_FALSE(off.allowTailscale);

  const auto serve = resolve({{"tailscale", {{"mode", "serve"}}}});
  EXPECT_EQ(serve.mode, config::TailscaleMode::Serve);
  EXPECT_TRUE(serve.allowTailscale);
  EXPECT_FALSE(resolve({{"tailscale", {{"mode", "serve"}}}}, {}, "password").allowTailscale);
  EXPECT_FALSE(resolve({{"tailscale", {{"mode", "serve"}}}, {"auth", {{"allowTailscale", false}}}})
                   .allowTailscale);
}

TEST(TailscaleSettings, FlagsWinOverTheConfigFile) {
  config::TailscaleFlags flags;
  flags.mode = "serve";
  flags.resetOnExit = true;
  const auto settings = resolve({{"tailscale", {{"mode", "off"}}}}, flags);
  EXPECT_EQ(settings.mode, config::TailscaleMode::Serve);
  EXPECT_TRUE(settings.resetOnExit);
  flags.mode = "public";
  EXPECT_NE(refusal({}, flags, "token").find("--tailscale must be off, serve or funnel"),
            std::string::npos);
}

TEST(TailscaleSettings, RefusalsNameTheFix) {
  const json funnel = {{"tailscale", {{"mode", "funnel"}}}};
  EXPECT_NE(
      refusal(funnel, {}, "token").find("tailscale funnel requires gateway auth mode=password"),
      std::string::npos);
  EXPECT_EQ(refusal(funnel, {}, "password"), "");
  EXPECT_NE(refusal({{"tailscale", {{"mode", "serve"}}}}, {}, "none")
                .find("gateway.auth.mode=none cannot be used with gateway.tailscale.mode=serve"),
            std::string::npos);
  EXPECT_NE(refusal({{"tailscale", {{"mode", "serve"}}}}, {}, "token", {"0.0.0.0"})
                .find("gateway.bind must resolve to loopback"),
            std::string::npos);
  EXPECT_NE(
      refusal({{"tailscale", {{"mode", "tunnel"}}}}, {}, "token").find("gateway.tailscale.mode"),
      std::string::npos);
}

TEST(TailscaleCliJson, StatusReadsStateDnsNameAndAddresses) {
  const auto status = net::parseTailscaleStatus(
      "Warning: client version \"1.2\" != tailscaled server version \"1.3\"\n"
      R"({"BackendState":"Running","Self":{"DNSName":"gw.tail1234.ts.net.",)"
      R"("TailscaleIPs":["100.64.1.2","fd7a:115c::1"]}})");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->backendState, "Running");
  EXPECT_EQ(status->dnsName, "gw.tail1234.ts.net");
  EXPECT_EQ(net::tailnetHost(*status), "gw.tail1234.ts.net");
  ASSERT_EQ(status->tailscaleIps.size(), 2U);

  const auto ipOnly = net::parseTailscaleStatus(R"({"Self":{"TailscaleIPs":["100.64.1.2"]}})");
  ASSERT_TRUE(ipOnly);
  EXPECT_EQ(net::tailnetHost(*ipOnly), "100.64.1.2");
}

TEST(TailscaleCliJson, MalformedStatusIsRefusedOrReadsEmpty) {
  for (const std::string& bad :
       std::vector<std::string>{"", "not json", "[1,2]", "{\"BackendState\":", "}{",
                                std::string(200, '[') + std::string(200, ']')}) {
    EXPECT_FALSE(net::parseTailscaleStatus(bad)) << bad;
  }
  std::string deep = "{\"a\":";
  for (int i = 0; i < 300; ++i) deep += "{\"a\":";
  deep += "1" + std::string(301, '}');
  EXPECT_FALSE(net::parseTailscaleStatus(deep));
  const auto wrongTypes = net::parseTailscaleStatus(
      R"({"BackendState":7,"Self":{"DNSName":["x"],"TailscaleIPs":"100.64.1.2"}})");
  ASSERT_TRUE(wrongTypes);
  EXPECT_EQ(wrongTypes->backendState, "");
  EXPECT_FALSE(net::tailnetHost(*wrongTypes));
  const auto noSelf = net::parseTailscaleStatus(R"({"BackendState":"Running","Self":null})");
  ASSERT_TRUE(noSelf);
  EXPECT_FALSE(net::tailnetHost(*noSelf));
}

TEST(TailscaleCliJson, WhoisReadsTheLoginWhereUpstreamLooks) {
  auto whois = net::parseTailscaleWhois(
      R"({"Node":{},"UserProfile":{"LoginName":"alice@example.com","DisplayName":"Alice"}})");
  ASSERT_TRUE(whois);
  EXPECT_EQ(whois->login, "alice@example.com");
  EXPECT_EQ(whois->name, "Alice");
  whois = net::parseTailscaleWhois(R"({"LoginName":"  bob@example.com "})");
  ASSERT_TRUE(whois);
  EXPECT_EQ(whois->login, "bob@example.com");
  for (const std::string bad : {"", "null", "garbage", R"({"UserProfile":{"LoginName":""}})",
                                R"({"UserProfile":{"LoginName":42}})", R"({"UserProfile":"alice"})",
                                "{\"UserProfile\":{"}) {
    EXPECT_FALSE(net::parseTailscaleWhois(bad)) << bad;
  }
}

TEST(TailscaleExposureArgs, PublishAndResetAsDocumented) {
  EXPECT_EQ(daemon::tailscalePublishArgs(config::TailscaleMode::Serve, 18789),
            (std::vector<std::string>{"serve", "--bg", "--yes", "http://127.0.0.1:18789"}));
  EXPECT_EQ(daemon::tailscaleResetArgs(config::TailscaleMode::Funnel),
            (std::vector<std::string>{"funnel", "--yes", "--https=443", "--set-path=/", "off"}));
}

using Headers = std::map<std::string, std::string>;

server::ClaimCheck check(const std::string& peer, const Headers& headers) {
  return server::checkTailscaleClaim(peer, [&headers](const std::string& name) {
    auto found = headers.find(name);
    return found == headers.end() ? std::nullopt : std::optional<std::string>(found->second);
  });
}

const Headers kServeHeaders = {{"tailscale-user-login", " Alice@Example.com "},
                               {"tailscale-user-name", "Alice"},
                               {"x-forwarded-for", "100.64.7.8"},
                               {"x-forwarded-proto", "https"},
                               {"x-forwarded-host", "gw.tail1234.ts.net"}};

TEST(TailscaleClaim, ServeHeaderSetFromLoopbackClaimsTheLogin) {
  const auto result = check("127.0.0.1", kServeHeaders);
  ASSERT_TRUE(result.claim) << result.refusal;
  EXPECT_EQ(result.claim->login, "Alice@Example.com");
  EXPECT_EQ(result.claim->clientIp, "100.64.7.8");
  Headers chained = kServeHeaders;
  chained["x-forwarded-for"] = "100.64.7.8, 127.0.0.1";
  EXPECT_EQ(check("::1", chained).claim->clientIp, "100.64.7.8");
}

TEST(TailscaleClaim, NoTailscaleHeadersClaimNothingSilently) {
  const auto result = check("127.0.0.1", {{"x-forwarded-for", "100.64.7.8"}});
  EXPECT_FALSE(result.claim);
  EXPECT_EQ(result.refusal, "");
}

TEST(TailscaleClaim, ForgedOrIncompleteSetsAreRefusedWithAReason) {
  EXPECT_NE(check("192.168.1.20", kServeHeaders).refusal.find("non-loopback peer 192.168.1.20"),
            std::string::npos);
  for (const char* missing : {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"}) {
    Headers headers = kServeHeaders;
    headers.erase(missing);
    const auto result = check("127.0.0.1", headers);
    EXPECT_FALSE(result.claim) << missing;
    EXPECT_NE(result.refusal.find("without x-forwarded-for"), std::string::npos) << missing;
  }
  Headers funnel = kServeHeaders;
  funnel["tailscale-funnel-request"] = "?1";
  EXPECT_NE(check("127.0.0.1", funnel).refusal.find("Funnel"), std::string::npos);
  for (const char* forwarded : {"127.0.0.1", "not-an-ip", "", "100.64.7.8, bogus"}) {
    Headers headers = kServeHeaders;
    headers["x-forwarded-for"] = forwarded;
    EXPECT_FALSE(check("127.0.0.1", headers).claim) << forwarded;
  }
  Headers noLogin = kServeHeaders;
  noLogin["tailscale-user-login"] = "  ";
  EXPECT_NE(check("127.0.0.1", noLogin).refusal.find("without tailscale-user-login"),
            std::string::npos);
}

struct TailscaleIdentityCache : ::testing::Test {
  boost::asio::io_context io;
  boost::asio::thread_pool pool{1};
  config::GatewaySettings settings;
  std::atomic<int> whoisRuns{0};
  server::TailscaleIdentity identity{
      io, pool, settings, [this](const std::string& ip) -> std::optional<net::TailscaleWhois> {
        ++whoisRuns;
        if (ip != "100.64.7.8") return std::nullopt;
        return net::TailscaleWhois{"alice@example.com", "Alice"};
      }};
  std::vector<std::optional<std::string>> answers;

  TailscaleIdentityCache() {
    settings.tailscale.mode = config::TailscaleMode::Serve;
    settings.tailscale.allowTailscale = true;
  }
  ~TailscaleIdentityCache() override { pool.join(); }

  void verify(const std::string& ip, const std::string& login) {
    identity.verify({ip, login},
                    [this](std::optional<std::string> answer) { answers.push_back(answer); });
  }
  // Runs the loop until `count` answers arrived (or 10 s passed).
  void awaitAnswers(std::size_t count) {
    auto guard = boost::asio::make_work_guard(io);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (answers.size() < count && std::chrono::steady_clock::now() < deadline) {
      io.run_one_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(answers.size(), count);
  }
  std::optional<server::TailscaleClaim> claim(const json& auth) {
    return identity.claimFor(
        "127.0.0.1",
        [](const std::string& name) {
          auto found = kServeHeaders.find(name);
          return found == kServeHeaders.end() ? std::nullopt
                                              : std::optional<std::string>(found->second);
        },
        auth);
  }
};

TEST_F(TailscaleIdentityCache, ConcurrentLookupsShareOneWhoisAndLaterOnesUseTheCache) {
  verify("100.64.7.8", "ALICE@example.com");
  verify("100.64.7.8", "alice@example.com");
  awaitAnswers(2);
  EXPECT_EQ(answers[0], "alice@example.com");
  EXPECT_EQ(answers[1], "alice@example.com");
  EXPECT_EQ(whoisRuns, 1);
  verify("100.64.7.8", "mallory@example.com");  // cached: answered at once
  ASSERT_EQ(answers.size(), 3U);
  EXPECT_EQ(answers[2], std::nullopt);
  EXPECT_EQ(whoisRuns, 1);
}

TEST_F(TailscaleIdentityCache, FailedLookupsConfirmNothing) {
  verify("100.64.9.9", "alice@example.com");
  awaitAnswers(1);
  EXPECT_EQ(answers[0], std::nullopt);
}

TEST_F(TailscaleIdentityCache, OnlyServeWithAllowTailscaleAndNoSecretClaims) {
  EXPECT_TRUE(claim(json::object()));
  EXPECT_TRUE(claim({{"token", ""}}));
  EXPECT_FALSE(claim({{"token", "a-token"}}));
  EXPECT_FALSE(claim({{"password", "a-password"}}));
  settings.tailscale.allowTailscale = false;
  EXPECT_FALSE(claim(json::object()));
  settings.tailscale.allowTailscale = true;
  settings.tailscale.mode = config::TailscaleMode::Funnel;
  EXPECT_FALSE(claim(json::object()));
}

}  // namespace
}  // namespace openclaw
